// The template pages at the HTTP boundary: choose and apply, edit a room under a version, import services
// from CSV (bad rows, wrong encoding, then a good file), upgrades, and one hospital never seeing another's.
import { beforeAll, describe, expect, it } from "vitest";
import { createUserSession, sessionCookieName } from "~/auth/session.server";
import * as deptRoute from "~/routes/h.$hospital.settings.departments";
import * as formsRoute from "~/routes/h.$hospital.settings.forms";
import * as formularyRoute from "~/routes/h.$hospital.settings.formulary";
import * as servicesRoute from "~/routes/h.$hospital.setup.services";
import * as settingsServicesRoute from "~/routes/h.$hospital.settings.services";
import * as chooseRoute from "~/routes/h.$hospital.setup.template";
import * as upgradeRoute from "~/routes/h.$hospital.settings.template";
import { createTestHospital, createTestStaff } from "../support/factories";
import { fakeContext, get, ORIGIN, post, settle } from "../support/http";

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;
let a: Hospital;
let b: Hospital;
let adminA: string;
let adminB: string;

async function adminOf(hospitalId: string) {
  const user = await createTestStaff(hospitalId, ["admin"]);
  const { token } = await createUserSession(user.id);
  return `${sessionCookieName(false)}=${token}`;
}
const args = (request: Request, hospital: Hospital) => ({ request, context: fakeContext(), params: { hospital: hospital.slug } });

function upload(path: string, cookie: string, content: Uint8Array | string) {
  const form = new FormData();
  form.set("intent", "service.import");
  form.set("file", new File([content as BlobPart], "gia.csv", { type: "text/csv" }));
  return new Request(ORIGIN + path, { method: "POST", headers: { Cookie: cookie, Origin: ORIGIN }, body: form });
}

beforeAll(async () => {
  a = await createTestHospital("Bệnh viện Mẫu A");
  b = await createTestHospital("Bệnh viện Mẫu B");
  adminA = await adminOf(a.id);
  adminB = await adminOf(b.id);
});

describe("choosing a template", () => {
  it("previews every template and applies the chosen one", async () => {
    const path = `/h/${a.slug}/setup/template`;
    const before = await settle(() => chooseRoute.loader(args(get(path, adminA), a)));
    expect(before.status).toBe(200);
    expect(before.data.content.applied).toBeNull();
    const district = before.data.content.templates.find((t: { code: string }) => t.code === "district-hospital");
    expect(district.counts.rooms).toBeGreaterThan(10);
    expect(before.data.content.templates.map((t: { code: string }) => t.code)).toEqual(["district-hospital", "polyclinic", "commune-health-station"]);

    const unknown = await settle(() => chooseRoute.action(args(post(path, { template: "nope" }, adminA), a)));
    expect(unknown.status).toBe(400);
    const applied = await settle(() => chooseRoute.action(args(post(path, { template: "district-hospital" }, adminA), a)));
    expect(applied.status).toBe(302);
    expect(applied.headers.get("Location")).toBe(`${path}?applied=1`);
    const after = await settle(() => chooseRoute.loader(args(get(path, adminA), a)));
    expect(after.data.content.applied).toMatchObject({ code: "district-hospital", version: district.version });
  });
});

describe("departments, rooms and beds", () => {
  it("renames a room under its version, and shows a conflict for a stale one", async () => {
    const path = `/h/${a.slug}/settings/departments`;
    const page = await settle(() => deptRoute.loader(args(get(path, adminA), a)));
    const k01 = page.data.content.rooms.find((r: { code: string }) => r.code === "K01");
    const edit = (name: string, version: number) =>
      settle(() =>
        deptRoute.action(args(post(path, { intent: "room.update", id: k01.id, version: String(version), label: "K01", name, departmentId: k01.departmentId, active: "on" }, adminA), a)),
      );
    const saved = await edit("Phòng khám Nội tổng quát", k01.version);
    expect(saved.status).toBe(302);
    const stale = await edit("Phòng khám Nội cũ", k01.version);
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ kind: "conflict", code: "K01", typed: "Phòng khám Nội cũ" });
    const again = await settle(() => deptRoute.loader(args(get(path, adminA), a)));
    expect(again.data.content.rooms.find((r: { code: string }) => r.code === "K01").name).toBe("Phòng khám Nội tổng quát");
  });

  it("adds a department and a bed, refuses a taken code, and deactivates instead of deleting", async () => {
    const path = `/h/${a.slug}/settings/departments`;
    expect((await settle(() => deptRoute.action(args(post(path, { intent: "department.add", code: "PHCN", name: "Khoa Phục hồi chức năng" }, adminA), a)))).status).toBe(302);
    const taken = await settle(() => deptRoute.action(args(post(path, { intent: "department.add", code: "PHCN", name: "Lại" }, adminA), a)));
    expect(taken.status).toBe(400);
    expect(taken.data).toEqual({ kind: "duplicate", code: "PHCN" });
    const page = await settle(() => deptRoute.loader(args(get(path, adminA), a)));
    const noi1 = page.data.content.rooms.find((r: { code: string }) => r.code === "NOI1");
    expect((await settle(() => deptRoute.action(args(post(path, { intent: "bed.add", roomId: noi1.id, code: "N1-09" }, adminA), a)))).status).toBe(302);
    const bed = noi1.beds[0];
    // An unticked box is absent from the form: the bed stops being used.
    expect((await settle(() => deptRoute.action(args(post(path, { intent: "bed.update", id: bed.id, version: String(bed.version), label: "NOI1/N1-01" }, adminA), a)))).status).toBe(302);
    const after = await settle(() => deptRoute.loader(args(get(path, adminA), a)));
    const beds = after.data.content.rooms.find((r: { code: string }) => r.code === "NOI1").beds;
    expect(beds.map((x: { code: string }) => x.code)).toContain("N1-09");
    expect(beds.find((x: { code: string }) => x.code === "N1-01").active).toBe(false);
  });

  it("answers 400 to a form our pages never send", async () => {
    const path = `/h/${a.slug}/settings/departments`;
    expect((await settle(() => deptRoute.action(args(post(path, { intent: "room.update" }, adminA), a)))).status).toBe(400);
  });
});

describe("services from CSV", () => {
  const path = () => `/h/${a.slug}/setup/services`;
  const count = async () => (await settle(() => servicesRoute.loader(args(get(path(), adminA), a)))).data.content.length;

  it("lists each bad row and imports nothing", async () => {
    const before = await count();
    const bad = "code,name,national_code,kind,price\nXN-MOI,Xét nghiệm mới,,lab,50000\nXN-SAI,Sai loại,,blood,10000\n,Không mã,,lab,1\n";
    const outcome = await settle(() => servicesRoute.action(args(upload(path(), adminA, bad), a)));
    expect(outcome.status).toBe(400);
    expect(outcome.data).toEqual({
      kind: "csvRows",
      rows: [
        { line: 3, column: "kind", problem: "kind", value: "blood" },
        { line: 4, column: "code", problem: "code", value: "" },
      ],
    });
    expect(await count()).toBe(before);
  });

  it("refuses a file that is not UTF-8 with a clear message", async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode("code,name,national_code,kind,price\nKB,Kh"), 0xe1, ...new TextEncoder().encode("m,,exam,1\n")]);
    const outcome = await settle(() => servicesRoute.action(args(upload(path(), adminA, latin1), a)));
    expect(outcome.data).toEqual({ kind: "csvFile", problem: "notUtf8" });
  });

  it("imports a good file: new codes added, existing ones repriced", async () => {
    const before = await count();
    const good = "code,name,national_code,kind,price\nXN-MOI,Xét nghiệm mới,,lab,50.000\nXN-GLU,Định lượng Glucose máu,23.0075.1494,lab,25000\n";
    const outcome = await settle(() => servicesRoute.action(args(upload(path(), adminA, good), a)));
    expect(outcome.status).toBe(302);
    expect(outcome.headers.get("Location")).toBe(`${path()}?added=1&updated=1`);
    const list = (await settle(() => servicesRoute.loader(args(get(path(), adminA), a)))).data.content;
    expect(list.length).toBe(before + 1);
    expect(list.find((s: { code: string }) => s.code === "XN-GLU").priceVnd).toBe(25000);
    expect(list.find((s: { code: string }) => s.code === "XN-MOI").priceVnd).toBe(50000);
  });

  it("keeps each hospital's services to itself", async () => {
    const mine = await settle(() => settingsServicesRoute.loader(args(get(`/h/${b.slug}/settings/services`, adminB), b)));
    expect(mine.data.content).toEqual([]);
    const theirs = await settle(() => settingsServicesRoute.loader(args(get(`/h/${a.slug}/settings/services`, adminB), a)));
    expect(theirs.status).toBe(404);
  });
});

describe("formulary, forms and upgrades", () => {
  it("adds and deactivates a medicine", async () => {
    const path = `/h/${a.slug}/settings/formulary`;
    const fields = { name: "Vitamin C 500 mg", activeIngredient: "Acid ascorbic", strength: "500 mg", form: "viên nén", route: "uống", unit: "viên", commonDose: "1 viên/ngày", price: "500" };
    const added = await settle(() => formularyRoute.action(args(post(path, { intent: "formulary.add", code: "VITC500", ...fields }, adminA), a)));
    expect(added.status).toBe(302);
    const list = (await settle(() => formularyRoute.loader(args(get(path, adminA), a)))).data.content;
    const vitc = list.find((d: { code: string }) => d.code === "VITC500");
    const off = await settle(() =>
      formularyRoute.action(args(post(path, { intent: "formulary.update", id: vitc.id, version: String(vitc.version), label: "VITC500", ...fields }, adminA), a)),
    );
    expect(off.status).toBe(302);
    const after = (await settle(() => formularyRoute.loader(args(get(path, adminA), a)))).data.content;
    expect(after.find((d: { code: string }) => d.code === "VITC500").active).toBe(false);
  });

  it("edits a form's labels and ranges, refusing min above max", async () => {
    const path = `/h/${a.slug}/settings/forms`;
    const forms = (await settle(() => formsRoute.loader(args(get(path, adminA), a)))).data.content;
    const eye = forms.find((f: { code: string }) => f.code === "MAT");
    const body = (min: string, max: string) => {
      const p = new URLSearchParams({ intent: "noteForm.update", id: eye.id, version: String(eye.version), label: "MAT", name: eye.name, active: "on" });
      for (const f of eye.fields) {
        p.append("key", f.key);
        p.set(`${f.key}.labelVi`, f.key === "iopRight" ? "Nhãn áp MP" : f.label.vi);
        p.set(`${f.key}.labelEn`, f.label.en);
        if (f.required) p.set(`${f.key}.required`, "on");
        if (f.type === "number") {
          p.set(`${f.key}.min`, f.key === "iopRight" ? min : String(f.min ?? ""));
          p.set(`${f.key}.max`, f.key === "iopRight" ? max : String(f.max ?? ""));
        }
      }
      return new Request(ORIGIN + path, { method: "POST", headers: { Cookie: adminA, Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" }, body: p.toString() });
    };
    expect((await settle(() => formsRoute.action(args(body("30", "12"), a)))).status).toBe(400);
    expect((await settle(() => formsRoute.action(args(body("11", "20"), a)))).status).toBe(302);
    const after = (await settle(() => formsRoute.loader(args(get(path, adminA), a)))).data.content.find((f: { code: string }) => f.code === "MAT");
    expect(after.fields.find((f: { key: string }) => f.key === "iopRight")).toMatchObject({ label: { vi: "Nhãn áp MP" }, min: 11, max: 20 });
  });

  it("shows the upgrade page: nothing to add right after applying the newest version", async () => {
    const page = await settle(() => upgradeRoute.loader(args(get(`/h/${a.slug}/settings/template`, adminA), a)));
    expect(page.data.content.newer).toBe(false);
    const none = await settle(() => upgradeRoute.loader(args(get(`/h/${b.slug}/settings/template`, adminB), b)));
    expect(none.data.content).toBeNull();
    expect((await settle(() => upgradeRoute.action(args(post(`/h/${a.slug}/settings/template`, {}, adminA), a)))).status).toBe(400);
  });
});
