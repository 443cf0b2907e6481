// POST /api/v1/import: multipart upload of one or more files (field `files`; optional field `shop`, the
// shop of records that name none). Each part is streamed to a temp file (never held in memory), then the
// files are imported one by one, each all-or-nothing, with line-numbered errors. Who: an admin or a
// supervisor (cookie + CSRF), or an API token (Authorization: Bearer), which imports only into its shop.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServiceError } from '../../../services/service-error.js';
import { UploadImportService, type UploadedFile } from '../../../services/upload-import.service.js';
import type { Store } from '../../../store/store.js';
import { canImport, canSeeShop, importableShops } from '../../policies.js';
import { authorize, requireActor } from '../../request-auth.js';
import { parseInput } from '../../validate.js';
import { ImportShopField } from './imports.schema.js';

export function registerImportRoutes(app: FastifyInstance, store: Store, maxFileBytes: number): void {
  const uploads = new UploadImportService(store);

  app.post('/api/v1/import', async (req, reply) => {
    const who = importer(req);
    if (!req.isMultipart())
      throw new ServiceError('bad_request', 'send multipart/form-data', { files: 'at least one file' });
    const dir = await mkdtemp(join(tmpdir(), 'zhipei-upload-'));
    try {
      const files: UploadedFile[] = [];
      let shop: string | undefined;
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (part.fieldname !== 'shop')
            throw new ServiceError('bad_request', 'invalid request', { [part.fieldname]: 'unknown field' });
          shop = parseInput(ImportShopField, { shop: part.value }).shop;
          continue;
        }
        if (part.fieldname !== 'files') {
          part.file.resume();
          throw new ServiceError('bad_request', 'invalid request', {
            [part.fieldname]: 'files go in field "files"',
          });
        }
        const name = (part.filename || `upload-${files.length + 1}`).slice(-200);
        const path = join(dir, `${files.length}${extname(name).slice(0, 16)}`);
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) throw tooLarge(name, maxFileBytes);
        files.push({ path, name });
      }
      if (files.length === 0)
        throw new ServiceError('bad_request', 'no file', { files: 'at least one file' });
      if (shop !== undefined && who.allowed && !who.allowed.includes(shop))
        throw new ServiceError('forbidden', `no access to shop ${shop}`);
      const r = await uploads.importFiles(files, {
        shop: shop ?? who.defaultShop,
        allowedShops: who.allowed ?? undefined,
      });
      if (r.results.length === 0) reply.code(422);
      return r;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(null, maxFileBytes);
      if (code === 'FST_FILES_LIMIT') throw new ServiceError('too_large', 'too many files in one upload');
      throw err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

/** Who is importing: the shops they may write to (null: any) and the default shop for files naming none. */
function importer(req: FastifyRequest): { allowed: string[] | null; defaultShop?: string } {
  if (req.apiToken) return { allowed: [req.apiToken.shop], defaultShop: req.apiToken.shop };
  const actor = requireActor(req);
  authorize(canImport(actor, undefined));
  const allowed = importableShops(actor);
  const visible = allowed?.filter((s) => canSeeShop(actor, s).ok);
  return { allowed, defaultShop: visible?.length === 1 ? visible[0] : undefined };
}

function tooLarge(name: string | null, max: number): ServiceError {
  const mb = Math.round(max / 2 ** 20);
  return new ServiceError(
    'too_large',
    `${name ? `${name}: ` : ''}file larger than ${mb} MB; split it and upload the parts`,
  );
}
