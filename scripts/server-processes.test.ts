import { describe, expect, it } from "vitest";
import { serverProcessCount } from "./server-processes";

const postgres = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/emr" };

describe("how many server processes the production start runs", () => {
  it("runs one per core on Postgres unless WEB_CONCURRENCY says otherwise", () => {
    expect(serverProcessCount(postgres, 4)).toEqual({ processes: 4, reason: "one per core" });
    expect(serverProcessCount({ ...postgres, WEB_CONCURRENCY: "2" }, 4)).toEqual({ processes: 2, reason: "WEB_CONCURRENCY" });
    expect(serverProcessCount({ ...postgres, WEB_CONCURRENCY: "1" }, 4).processes).toBe(1);
  });

  it("runs a single process on the embedded PGlite, whatever WEB_CONCURRENCY says", () => {
    expect(serverProcessCount({ WEB_CONCURRENCY: "4" }, 4)).toEqual({ processes: 1, reason: "embedded PGlite runs in one process" });
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number of processes", () => {
    for (const bad of ["0", "-1", "1.5", "two"]) {
      expect(() => serverProcessCount({ ...postgres, WEB_CONCURRENCY: bad }, 4)).toThrow(/WEB_CONCURRENCY/);
    }
  });
});
