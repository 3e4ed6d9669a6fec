// The page's side of the idle timeout (docs/decisions/027): two minutes before the session runs out a
// banner offers "stay signed in"; when it has run out the banner says so, and a save then goes through
// sign-in with what the person typed kept (form-draft.ts). The deadline comes from the root loader and
// is confirmed with a background request (which does not extend the session) before warning, since
// the person may have been busy in another tab.
import { useLocation, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { VIETNAM_TIME_ZONE } from "~/patients/vietnam-date";
import { Banner } from "~/ui/banner";
import { Button } from "~/ui/button";
import { deleteDraft, holdDraftForSignIn, KEEP_DRAFT_ATTRIBUTE, readDraft, restoreDraft, saveDraft } from "./form-draft";
import { backgroundRefreshHref, SESSION_STATUS_PATH, SESSION_WARNING_MS, type SessionClock } from "./session-timing";

const SIGN_IN_PATH = "/sign-in";

type Phase = "active" | "warning" | "expired";

async function fetchSessionClock(method: "GET" | "POST"): Promise<SessionClock | null> {
  const href = method === "GET" ? backgroundRefreshHref(SESSION_STATUS_PATH) : SESSION_STATUS_PATH;
  const response = await fetch(href, { method, headers: { Accept: "application/json" }, credentials: "same-origin" });
  const body = (await response.json()) as { session: SessionClock | null };
  return body.session;
}

export function SessionWatch({ clock }: { clock: SessionClock | null }) {
  const { t, i18n } = useTranslation("common");
  const [phase, setPhase] = useState<Phase>("active");
  const [deadline, setDeadline] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const schedule = useCallback(function schedule(clock: SessionClock | null) {
    clearTimeout(timer.current);
    if (clock === null) return setPhase("expired");
    // The deadline on the browser's clock: a ward PC's clock may be minutes off the server's, so every
    // answer carries the server's "now" and the difference is measured afresh.
    const localDeadline = clock.expiresAt + (Date.now() - clock.serverNow);
    setDeadline(localDeadline);
    // Ask the server (without extending) before warning: activity in another tab moves the deadline.
    const confirm = async () => {
      try {
        schedule(await fetchSessionClock("GET"));
      } catch {
        setPhase(localDeadline > Date.now() ? "warning" : "expired"); // offline: go by what we knew
      }
    };
    const remaining = localDeadline - Date.now();
    if (remaining <= 0) return setPhase("expired");
    setPhase(remaining <= SESSION_WARNING_MS ? "warning" : "active");
    timer.current = setTimeout(() => void confirm(), remaining <= SESSION_WARNING_MS ? remaining : remaining - SESSION_WARNING_MS);
  }, []);

  useEffect(() => {
    if (!clock) return;
    schedule(clock);
    return () => clearTimeout(timer.current);
  }, [clock, schedule]);

  const staySignedIn = async () => {
    try {
      schedule(await fetchSessionClock("POST"));
    } catch {
      // Offline: the warning stays, and the person can try again.
    }
  };

  if (!clock || phase === "active") return null;
  const time =
    deadline === null
      ? ""
      : new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: VIETNAM_TIME_ZONE }).format(deadline);
  return (
    <aside className="session-watch" aria-label={t("session.label")}>
      {phase === "warning" ? (
        <Banner tone="warn" data-testid="session-warning">
          <span>{t("session.warning", { time })}</span>{" "}
          <Button variant="primary" onClick={() => void staySignedIn()}>
            {t("session.stay")}
          </Button>
        </Banner>
      ) : (
        <Banner tone="error" data-testid="session-expired">
          {t("session.expired")}
        </Banner>
      )}
    </aside>
  );
}

/**
 * Saves a kept form's fields as it is submitted, holds them while the person signs in again, and puts
 * them back on the page they came from (form-draft.ts).
 */
export function DraftKeeper() {
  const { t } = useTranslation("common");
  const location = useLocation();
  const navigation = useNavigation();
  const [restored, setRestored] = useState(false);
  const page = location.pathname + location.search;

  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (form instanceof HTMLFormElement && form.hasAttribute(KEEP_DRAFT_ATTRIBUTE)) {
        saveDraft(form, window.location.pathname + window.location.search);
      }
    };
    // Capture: before Remix's own submit handler turns the submit into a fetch.
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, []);

  useEffect(() => {
    setRestored(false);
  }, [location.pathname]);

  useEffect(() => {
    if (navigation.state !== "idle") return;
    const draft = readDraft();
    if (!draft) return;
    if (location.pathname === SIGN_IN_PATH) return holdDraftForSignIn();
    if (draft.awaitingSignIn && draft.page.split("?")[0] === location.pathname) {
      if (restoreDraft(draft)) {
        setRestored(true);
        document.querySelector<HTMLElement>(`form[${KEEP_DRAFT_ATTRIBUTE}] input:not([type=hidden])`)?.focus();
      }
    }
    // Saved, refused with the values echoed back, or restored: the draft has done its job.
    deleteDraft();
  }, [page, location.pathname, navigation.state]);

  if (!restored) return null;
  return (
    <aside className="session-watch" aria-label={t("session.label")}>
      <Banner tone="info" data-testid="draft-restored">
        {t("session.restored")}
      </Banner>
    </aside>
  );
}
