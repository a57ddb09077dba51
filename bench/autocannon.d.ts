// Minimal types for the part of autocannon the middleware benchmark uses (no @types package installed).
declare module 'autocannon' {
  interface Options { url: string; connections?: number; duration?: number; pipelining?: number; headers?: Record<string, string> }
  interface Result { requests: { average: number; mean: number; total: number }; errors: number; non2xx: number }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
