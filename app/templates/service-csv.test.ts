import { describe, expect, it } from "vitest";
import { parseServiceCsv, SERVICE_CSV_MAX_BYTES } from "./service-csv.server";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("parseServiceCsv", () => {
  it("reads good rows, with a BOM, grouped prices and an empty national code", () => {
    const result = parseServiceCsv(
      bytes('\uFEFFcode,name,national_code,kind,price\nXN-GLU,"Định lượng Glucose, máu",23.0075.1494,lab,21.500\nKB,Khám bệnh,,exam,39000\n'),
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { code: "XN-GLU", name: "Định lượng Glucose, máu", nationalCode: "23.0075.1494", kind: "lab", priceVnd: 21500 },
        { code: "KB", name: "Khám bệnh", nationalCode: null, kind: "exam", priceVnd: 39000 },
      ],
    });
  });

  it("names every bad row and column, and a duplicate code", () => {
    const result = parseServiceCsv(
      bytes("code,name,national_code,kind,price\nA1,Ok,,lab,100\n,No code,,lab,1\nB2,Bad kind,1.2.3,xray,-5\nA1,Again,,exam,10\n"),
    );
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([
      { line: 3, column: "code", problem: "code", value: "" },
      { line: 4, column: "national_code", problem: "nationalCode", value: "1.2.3" },
      { line: 4, column: "kind", problem: "kind", value: "xray" },
      { line: 4, column: "price", problem: "price", value: "-5" },
      { line: 5, column: "code", problem: "duplicate", value: "A1" },
    ]);
  });

  it("refuses a file that is not UTF-8, too large, empty or without the columns", () => {
    const latin1 = new Uint8Array([...bytes("code,name,national_code,kind,price\nKB,Kh"), 0xe1, ...bytes("m,,exam,1\n")]);
    expect(parseServiceCsv(latin1)).toEqual({ ok: false, file: "notUtf8" });
    expect(parseServiceCsv(new Uint8Array(SERVICE_CSV_MAX_BYTES + 1))).toEqual({ ok: false, file: "tooLarge" });
    expect(parseServiceCsv(new Uint8Array())).toEqual({ ok: false, file: "empty" });
    expect(parseServiceCsv(bytes("ma,ten\nKB,x\n"))).toEqual({ ok: false, file: "columns" });
    expect(parseServiceCsv(bytes('code,name,national_code,kind,price\n"KB,x\n'))).toEqual({ ok: false, file: "unreadable" });
  });
});
