// Multipart upload to POST /api/v1/import over XMLHttpRequest, for its upload progress events.
import {
  API_BASE,
  type ApiError,
  csrfHeaders,
  errorFromResponse,
  getCurrentShop,
  notifyUnauthorized,
} from './client';
import type { ImportResponse } from './types';

export interface UploadOutcome {
  status: number;
  body: ImportResponse;
}

export function uploadImport(files: File[], onProgress: (fraction: number) => void): Promise<UploadOutcome> {
  const form = new FormData();
  // The default shop for files that do not name one (e.g. 千牛 exports); sent before the files.
  const shop = getCurrentShop();
  if (shop) form.append('shop', shop);
  for (const f of files) form.append('files', f, f.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/import`);
    for (const [k, v] of Object.entries(csrfHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => errorFromResponse(0, 'network', '/import').then(reject);
    xhr.onload = () => {
      const text = xhr.responseText;
      // 200: imported (maybe with errors for some files); 422: every file failed, with the errors.
      if (xhr.status === 200 || xhr.status === 422) {
        try {
          const body = JSON.parse(text) as ImportResponse;
          resolve({ status: xhr.status, body: { results: body.results ?? [], errors: body.errors ?? [] } });
          return;
        } catch {
          // fall through to an error
        }
      }
      if (xhr.status === 401) notifyUnauthorized();
      errorFromResponse(xhr.status, text, '/import').then((e: ApiError) => reject(e));
    };
    xhr.send(form);
  });
}
