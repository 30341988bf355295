// A tus-js-client HTTP stack over fetch, so uploads take the same road as every other call:
// the same fetch (and so the same offline behaviour in tests), in the browser and in Node.
// Upload progress is not reported (fetch cannot say how much of a body has been sent); tus
// still resumes from the server's offset after a cut.
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';

// tus hands Buffers (Node) or Blob slices (browser); both are bytes over an ArrayBuffer.
type Body = Blob | Uint8Array<ArrayBuffer> | null;

export function fetchHttpStack(doFetch: typeof fetch): HttpStack {
  return {
    getName: () => 'clearway-fetch',
    createRequest(method: string, url: string): HttpRequest {
      const headers = new Headers();
      const controller = new AbortController();
      return {
        getMethod: () => method,
        getURL: () => url,
        setHeader: (name, value) => headers.set(name, value),
        getHeader: (name) => headers.get(name) ?? undefined,
        setProgressHandler: () => undefined,
        abort: async () => controller.abort(),
        getUnderlyingObject: (): unknown => controller,
        async send(body: Body): Promise<HttpResponse> {
          const response = await doFetch(url, {
            method,
            headers,
            body: body ?? undefined,
            signal: controller.signal,
          });
          const text = await response.text();
          return {
            getStatus: () => response.status,
            getHeader: (name) => response.headers.get(name) ?? undefined,
            getBody: () => text,
            getUnderlyingObject: (): unknown => response,
          };
        },
      };
    },
  };
}
