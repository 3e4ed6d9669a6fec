// Patient search as a 100,000-patient hospital needs it (decision 014): ranking by exact words, phone
// numbers in every form people type, a count that stops at its cap, and search words that follow a
// renamed patient. Runs on PGlite and on Postgres alike.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { systemActor, type TenantTx, withTenant } from "~db/scope.server";
import { findPatients, PATIENT_COUNT_CAP } from "~/patients/find-patients.server";
import { registerPatient } from "~/patients/register-patient.server";
import { updatePatient } from "~/patients/update-patient.server";
import { phoneSearchPrefixes } from "~/patients/phone";
import { createTestHospital, createTestPatient } from "../support/factories";
import { expectPgError, PG } from "../support/pg-error";

type Hospital = Awaited<ReturnType<typeof createTestHospital>>;
let hospital: Hospital;
let crowded: Hospital;
const actor = systemActor("patient-search-test");
const inHospital = <T>(fn: (t: TenantTx) => Promise<T>) => withTenant(hospital.id, actor, fn);
const names = (result: { patients: { fullName: string }[] }) => result.patients.map((p) => p.fullName);

beforeAll(async () => {
  hospital = await createTestHospital("Bệnh viện tìm kiếm");
  // Registered in this order so that name order alone would put the Anh names first.
  for (const fullName of ["Nguyễn Văn Anh", "Nguyễn Thị Anh", "Nguyễn Văn An", "Trần Văn An", "Nguyễn Hoàng Anh An"]) {
    await createTestPatient(hospital.id, { fullName, phone: fullName === "Nguyễn Văn An" ? "0912345678" : null });
  }
  crowded = await createTestHospital("Bệnh viện đông");
  await withTenant(crowded.id, actor, async (t) => {
    for (let i = 0; i < PATIENT_COUNT_CAP + 5; i++) {
      await registerPatient(t, { fullName: `Phạm Văn Bình ${i}`, birthDate: "1990-01-01", sex: "male", phone: null });
    }
  });
});

describe("patient search ranking", () => {
  it("lists an exact word before names where the word is only a prefix", async () => {
    const result = await inHospital((t) => findPatients(t, { query: "nguyen an" }));
    expect(names(result)).toEqual(["Nguyễn Hoàng Anh An", "Nguyễn Văn An", "Nguyễn Thị Anh", "Nguyễn Văn Anh"]);
  });

  it("still requires every typed word to begin a word of the name", async () => {
    expect(names(await inHospital((t) => findPatients(t, { query: "van an" })))).toEqual([
      "Nguyễn Văn An",
      "Trần Văn An",
      "Nguyễn Văn Anh",
    ]);
    expect((await inHospital((t) => findPatients(t, { query: "guyen" }))).total).toBe(0);
    expect((await inHospital((t) => findPatients(t, { query: "nguyen xyz" }))).total).toBe(0);
  });
});

describe("patient search by phone", () => {
  it("finds the same patient from +84, 84 and 0 forms of the number", async () => {
    for (const query of ["+84 912 345 678", "84912345678", "0912345678", "+84 0912 345 678", "+84 912 345"]) {
      const result = await inHospital((t) => findPatients(t, { query }));
      expect(names(result), query).toEqual(["Nguyễn Văn An"]);
    }
  });

  it("turns a typed number into the stored prefixes it may mean", () => {
    expect(phoneSearchPrefixes("+84 912")).toEqual(["0912"]);
    expect(phoneSearchPrefixes("8491")).toEqual(["8491", "091"]);
    expect(phoneSearchPrefixes("0912 345")).toEqual(["0912345"]);
  });
});

describe("patient search counts", () => {
  it("stops counting at the cap and says there are more", async () => {
    const result = await withTenant(crowded.id, actor, (t) => findPatients(t, { query: "pham binh" }));
    expect(result.total).toBe(PATIENT_COUNT_CAP);
    expect(result.totalCapped).toBe(true);
    expect(result.patients).toHaveLength(25);
  });

  it("counts exactly below the cap and pages past it on request", async () => {
    const few = await inHospital((t) => findPatients(t, { query: "tran" }));
    expect([few.total, few.totalCapped]).toEqual([1, false]);
    const lastPage = await withTenant(crowded.id, actor, (t) => findPatients(t, { query: "binh", limit: 50, offset: 100 }));
    expect(lastPage.patients).toHaveLength(PATIENT_COUNT_CAP + 5 - 100);
    expect([lastPage.total, lastPage.totalCapped]).toEqual([PATIENT_COUNT_CAP + 5, false]);
  });
});

describe("patient search words", () => {
  it("follow a renamed patient: the new name is found, the old one no longer", async () => {
    const patient = await createTestPatient(hospital.id, { fullName: "Đoàn Thị Cũ" });
    await inHospital((t) =>
      updatePatient(t, patient.id, 1, { fullName: "Đoàn Thị Mới", birthDate: patient.birthDate, sex: patient.sex, phone: null }),
    );
    expect(names(await inHospital((t) => findPatients(t, { query: "doan moi" })))).toEqual(["Đoàn Thị Mới"]);
    expect((await inHospital((t) => findPatients(t, { query: "doan cu" }))).total).toBe(0);
  });

  it("can be read but never written by the application role", async () => {
    const patient = await createTestPatient(hospital.id, { fullName: "Lý Thị Thật" });
    await expectPgError(
      inHospital((t) =>
        t.db.execute(sql`insert into patient_search_words (tenant_id, patient_id, word, search_name)
          values (${t.tenantId}, ${patient.id}, 'gia', 'ly thi gia')`),
      ),
      PG.insufficientPrivilege,
    );
    expect(names(await inHospital((t) => findPatients(t, { query: "ly that" })))).toEqual(["Lý Thị Thật"]);
  });
});
