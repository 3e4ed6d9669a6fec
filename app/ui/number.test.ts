import { describe, expect, it } from "vitest";
import { formatMeasure } from "./number";

describe("formatMeasure", () => {
  it("writes a decimal comma in Vietnamese and a point in English", () => {
    expect(formatMeasure(37.5, "vi")).toBe("37,5");
    expect(formatMeasure(37.5, "en")).toBe("37.5");
    expect(formatMeasure(80, "vi")).toBe("80");
    expect(formatMeasure(1500, "vi")).toBe("1500");
  });

  it("shows a dash for a missing value", () => {
    expect(formatMeasure(null, "vi")).toBe("—");
    expect(formatMeasure(undefined, "en")).toBe("—");
  });
});
