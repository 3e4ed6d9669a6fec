// /h/:hospital → the patient list, the hospital's first screen; in a practice copy (decision 043), the
// practice home instead: the member's guided tasks, each done or not done there. It checks membership
// like every hospital route (a single-fetch request can run this loader alone); the lookup is shared
// with the layout's. The default export must exist: without it this is a resource route, and a
// stranger's 404 would go out bare instead of through the error page.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/auth/guards.server";
import { i18next } from "~/i18n/i18next.server";
import { TASK_PATHS } from "~/training/tasks";
import { readMyPracticeTasks } from "~/training/training-progress.server";
import { ButtonLink } from "~/ui/button";
import { PageHeader } from "~/ui/page-header";

export const handle = { i18n: ["training"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.hospital);
  if (!member.hospital.trainingOf) throw redirect(`/h/${encodeURIComponent(member.hospital.slug)}/patients`);
  const tasks = await member.tx((t) => readMyPracticeTasks(t, member.user.id, member.roles));
  const t = await i18next.getFixedT(request, "training");
  return data({
    title: `${t("tasks.heading")} · ${t("picker.practiceName", { name: member.hospital.name })}`,
    hospitalSlug: member.hospital.slug,
    tasks: tasks.map((task) => ({ ...task, path: TASK_PATHS[task.id] })),
  });
}

export default function PracticeHome() {
  const { t } = useTranslation("training");
  const { hospitalSlug, tasks } = useLoaderData<typeof loader>();
  return (
    <div className="practice-home">
      <PageHeader title={t("tasks.heading")} intro={t("tasks.intro")} />
      <section className="panel" aria-labelledby="practice-tasks-heading" data-testid="practice-tasks">
        <h2 id="practice-tasks-heading" className="visually-hidden">
          {t("tasks.heading")}
        </h2>
        {tasks.length === 0 ? (
          <p>{t("tasks.none")}</p>
        ) : (
          <ul className="practice-tasks">
            {tasks.map((task) => (
              <li key={task.id} data-task={task.id} data-done={task.done ? "yes" : "no"}>
                <span className={task.done ? "task-state task-done" : "task-state task-open"}>
                  {task.done ? `✓ ${t("tasks.done")}` : t("tasks.notDone")}
                </span>
                <span>{t(`tasks.names.${task.id}`)}</span>
                {task.path ? (
                  <Link to={`/h/${hospitalSlug}/${task.path}`}>{t("tasks.start")}</Link>
                ) : (
                  <span className="muted">{t("tasks.comingSoon")}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <ButtonLink to={`/h/${hospitalSlug}/patients`}>{t("tasks.patients")}</ButtonLink>
      </p>
    </div>
  );
}
