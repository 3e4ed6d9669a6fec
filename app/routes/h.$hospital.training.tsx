// /h/:hospital/training: the practice copy of the hospital, for its administrators (decision 043).
// Open it (made on first use), reset it (after a confirmation step: the current copy is archived, a
// fresh one made), and watch each person's guided tasks there. A setup permission, so it works while
// the hospital is still onboarding. Inside a practice copy it only points back to the real hospital.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { badRequest } from "~/lib/http-errors";
import { readFormData } from "~/server/read-form-data.server";
import { openPracticeCopy, resetPracticeCopy } from "~/training/open-practice-copy.server";
import { TRAINING_TASKS } from "~/training/tasks";
import { namesOfPeople, readTrainingChecklist } from "~/training/training-progress.server";
import { Banner } from "~/ui/banner";
import { Button, ButtonLink } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["training"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const INTENTS = ["open", "reset"] as const;
type Intent = (typeof INTENTS)[number];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "settings:manage");
  const t = await i18next.getFixedT(request, "training");
  const search = new URL(request.url).searchParams;
  const inPractice = member.hospital.trainingOf !== null;
  const checklist = inPractice ? [] : await member.tx((tx) => readTrainingChecklist(tx));
  const names = await namesOfPeople(checklist.map((person) => person.userId));
  return data({
    title: `${t("manage.title")} · ${member.hospital.name}`,
    hospitalSlug: member.hospital.slug,
    inPractice,
    realSlug: member.hospital.trainingOfSlug,
    practiceSlug: member.hospital.practiceSlug,
    askReset: search.get("reset") === "ask" && member.hospital.practiceSlug !== null,
    resetDone: search.get("reset") === "done",
    taskIds: TRAINING_TASKS.map((task) => task.id),
    people: checklist.map((person) => ({
      userId: person.userId,
      name: names.get(person.userId)?.displayName ?? "",
      email: names.get(person.userId)?.email ?? "",
      roles: person.roles,
      tasks: person.tasks,
    })),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.hospital, "settings:manage");
  const intent = (await readFormData(request)).get("intent");
  // Our pages offer these only in a real hospital, and only these.
  if (member.hospital.trainingOf !== null || !INTENTS.includes(intent as Intent)) throw badRequest();
  if (intent === "open") {
    const opened = await member.tx((t) => openPracticeCopy(t));
    return redirect(`/h/${opened.copySlug}`);
  }
  await member.tx((t) => resetPracticeCopy(t));
  return redirect(`/h/${member.hospital.slug}/training?reset=done`);
}

export default function TrainingPage() {
  const { t } = useTranslation("training");
  const { hospitalSlug, inPractice, realSlug, practiceSlug, askReset, resetDone, taskIds, people } = useLoaderData<typeof loader>();
  if (inPractice) {
    return (
      <div className="training-manage">
        <PageHeader title={t("manage.title")} />
        <Banner tone="info">
          {t("manage.inPractice")}{" "}
          {realSlug ? <Link to={`/h/${realSlug}/training`}>{t("banner.backToReal")}</Link> : null}
        </Banner>
      </div>
    );
  }
  const here = `/h/${hospitalSlug}/training`;
  return (
    <div className="training-manage">
      <PageHeader title={t("manage.title")} intro={t("manage.intro")} />
      {resetDone ? (
        <Banner tone="ok" focus>
          {t("manage.resetDone")}
        </Banner>
      ) : null}
      {askReset ? (
        <section className="panel" aria-labelledby="reset-heading">
          <h2 id="reset-heading">{t("manage.resetAsk")}</h2>
          <p>{t("manage.resetExplain")}</p>
          <div className="training-actions">
            <Form method="post" action={here}>
              <input type="hidden" name="intent" value="reset" />
              <Button type="submit">{t("manage.resetConfirm")}</Button>
            </Form>
            <ButtonLink to={here}>{t("manage.resetCancel")}</ButtonLink>
          </div>
        </section>
      ) : (
        <div className="training-actions">
          {practiceSlug ? null : <p>{t("manage.none")}</p>}
          <Form method="post" action={here}>
            <input type="hidden" name="intent" value="open" />
            <Button type="submit">{practiceSlug ? t("manage.openExisting") : t("manage.open")}</Button>
          </Form>
          {practiceSlug ? <ButtonLink to={`${here}?reset=ask`}>{t("manage.reset")}</ButtonLink> : null}
        </div>
      )}
      <section className="panel" aria-labelledby="checklist-heading">
        <h2 id="checklist-heading">{t("manage.checklist")}</h2>
        <p className="muted">{t("manage.checklistIntro")}</p>
        <table className="data" data-testid="training-checklist">
          <thead>
            <tr>
              <th scope="col">{t("manage.person")}</th>
              <th scope="col">{t("manage.roles")}</th>
              {taskIds.map((id) => (
                <th key={id} scope="col">
                  {t(`tasks.names.${id}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.userId} data-person={person.email}>
                <th scope="row">
                  {person.name}
                  <br />
                  <span className="muted">{person.email}</span>
                </th>
                <td>{person.roles.map((role) => t(`roles.${role}` as "roles.admin", { defaultValue: role })).join(", ")}</td>
                {taskIds.map((id) => {
                  const task = person.tasks.find((candidate) => candidate.id === id);
                  return (
                    <td key={id} data-task={id} data-done={task ? (task.done ? "yes" : "no") : "n/a"}>
                      {task ? (
                        <span className={task.done ? "task-done" : "task-open"}>{task.done ? `✓ ${t("tasks.done")}` : t("tasks.notDone")}</span>
                      ) : (
                        <span className="muted" aria-label={t("manage.noTasks")}>
                          {t("manage.notAssigned")}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
