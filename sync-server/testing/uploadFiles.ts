// Files for the upload tests: their SHA-256 (what tus metadata and blob addresses carry), tus's
// base64 metadata values, and random bytes behind a PDF's signature, which is what the server
// reads a file's type from (../blobs/fileKind.ts).
import { createHash, randomBytes } from 'node:crypto';

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
export const b64 = (text: string) => Buffer.from(text).toString('base64');
export const pdfBytes = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
