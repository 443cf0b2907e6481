import { z } from 'zod';

/** The multipart form of POST /import, described for the API reference (multipart is parsed by hand). */
export const ImportForm = z.object({
  files: z.array(z.string().meta({ format: 'binary', description: 'a file' })).min(1),
  shop: z.string().min(1).max(200).optional(),
});

export const ImportShopField = z.object({ shop: z.string().min(1).max(200) });

export const ImportResponse = z.object({
  results: z.array(
    z.object({
      file: z.string(),
      format: z.string(),
      records: z.number(),
      inserted: z.number(),
      sessionsTouched: z.number(),
    }),
  ),
  errors: z.array(
    z.object({
      file: z.string(),
      line: z.number().nullable(),
      field: z.string().nullable(),
      reason: z.string(),
      message: z.string(),
    }),
  ),
});
