import { afterEach, describe, expect, it, vi } from "vitest";
import { formatVietnameseDateTime, todayInVietnam } from "./vietnam-date";

afterEach(() => vi.restoreAllMocks());

describe("dates in Vietnam's time zone", () => {
  it("gives Vietnam's date, which is a day ahead of UTC from 17:00 UTC", () => {
    expect(todayInVietnam(new Date("2026-12-31T16:59:00Z"))).toBe("2026-12-31");
    expect(todayInVietnam(new Date("2026-12-31T17:00:00Z"))).toBe("2027-01-01");
  });

  it("formats a moment as dd/MM/yyyy HH:mm in Vietnam", () => {
    expect(formatVietnameseDateTime(new Date("2026-03-05T17:04:00Z"))).toBe("06/03/2026 00:04");
  });

  it("builds no Intl formatter per call: the page and every row of the list format dates", () => {
    const constructed = vi.spyOn(Intl, "DateTimeFormat");
    for (let i = 0; i < 50; i++) {
      todayInVietnam();
      formatVietnameseDateTime(new Date());
    }
    expect(constructed).not.toHaveBeenCalled();
  });
});
