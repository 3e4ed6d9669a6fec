import { describe, expect, it } from "vitest";
import { i18next, languageCookie, serverI18n } from "./i18next.server";

const requestIn = async (lng: "vi" | "en" | null) =>
  new Request("http://localhost/", { headers: lng ? { Cookie: await languageCookie.serialize(lng) } : {} });

describe("server translations", () => {
  it("translate in the request's language, Vietnamese when none was chosen", async () => {
    expect((await i18next.getFixedT(await requestIn(null), "common"))("appName")).toBe("Bệnh án điện tử");
    expect((await i18next.getFixedT(await requestIn("en"), "common"))("appName")).toBe("Electronic medical record");
    expect((await i18next.getFixedT("en", "patients"))("detail.title", { mrn: "7" })).toBe("Patient record 7");
  });

  it("come from one instance per language, not a new i18next per call", async () => {
    const [vi1, vi2, en] = await Promise.all([serverI18n("vi"), serverI18n("vi"), serverI18n("en")]);
    expect(vi1).toBe(vi2);
    expect(en).not.toBe(vi1);
    expect([vi1.language, en.language]).toEqual(["vi", "en"]);
  });

  it("stay in each request's language when requests in both languages interleave", async () => {
    const languages = Array.from({ length: 40 }, (_, i): "vi" | "en" => (i % 2 === 0 ? "vi" : "en"));
    const names = await Promise.all(
      languages.map(async (lng) => (await i18next.getFixedT(await requestIn(lng), "common"))("appName")),
    );
    expect(names).toEqual(languages.map((lng) => (lng === "vi" ? "Bệnh án điện tử" : "Electronic medical record")));
    expect((await serverI18n("vi")).language).toBe("vi");
    expect((await serverI18n("en")).language).toBe("en");
  });
});
