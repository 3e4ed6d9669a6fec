// autocannon ships no types: the part of its API that scripts/bench/http.ts uses.
declare module "autocannon" {
  type Histogram = { average: number; total: number; p50: number; p97_5: number; p99: number };
  export type Result = {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  export type Options = { url: string; connections: number; duration: number; headers?: Record<string, string> };
  export default function autocannon(options: Options): Promise<Result>;
}
