// Platform staff for tests: an account in a role, and a complete staff session (both factors) as a
// Cookie header, so that console and support tests need not walk the TOTP sign-in each time.
import { createPlatformStaff } from "~/auth/platform-staff.server";
import { createStaffSession, staffCookieName } from "~/auth/staff-session.server";
import type { PlatformStaffRole } from "~db/schema";
import { TEST_PASSWORD, uniqueSlug } from "./factories";

export async function createTestPlatformStaff(role: PlatformStaffRole = "support", displayName = "Nhân viên Hỗ trợ") {
  const staff = await createPlatformStaff({ email: `${uniqueSlug("staff")}@vendor.test`, displayName, password: TEST_PASSWORD, role });
  const token = await createStaffSession(staff.id, { secondFactor: true });
  return { ...staff, role, token, cookie: `${staffCookieName(false)}=${token}` };
}
