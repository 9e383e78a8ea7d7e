import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { ApiError, unwrap } from "../api/problem";
import type { User, UserRole } from "../api/types";
import { useSession } from "../session/session";
import { formatDate } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { ProblemAlert } from "../ui/problem";
import { Empty, QueryState } from "../ui/states";
import { ConfirmButton } from "./confirm-button";
import { PAGE_SIZE, Pager, useCursorPages } from "./pages";

/** The API's ETag for a version (a strong ETag of the number, see the API's versioning): a change names the version listed here. */
const etagOf = (user: User) => `"${user.version}"`;

export function UsersPage() {
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ["admin-users", pages.cursor],
    queryFn: async () => unwrap(await api.GET("/users", { params: { query: { limit: PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageTitle title="Users · Admin">Users</PageTitle>
      <p className="lead-small">Changing a role ends that person's sessions, so the new role applies at their next log-in.</p>
      <QueryState query={query} loading="Loading users…">
        {(page) =>
          page.items.length === 0 && pages.page === 1 ? (
            <Empty title="No users yet." />
          ) : (
            <>
              <div className="table-scroll" role="region" aria-label="Users" tabIndex={0}>
                <table className="table table-cards">
                  <thead>
                    <tr>
                      <th scope="col">User</th>
                      <th scope="col">Role</th>
                      <th scope="col">Joined</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((user) => (
                      <UserRow key={user.id} user={user} />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pages={pages} nextCursor={page.cursor} label="Users" />
            </>
          )
        }
      </QueryState>
    </>
  );
}

function UserRow({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const { session } = useSession();
  const self = session.status === "signed-in" && session.userId === user.id;
  const label = user.email ?? user.username;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["admin-users"] });
  const changeRole = useMutation({
    mutationFn: async (role: UserRole) =>
      unwrap(await api.PATCH("/users/{id}", { params: { path: { id: user.id } }, body: { role }, headers: { "if-match": etagOf(user) } })),
    onSuccess: refresh,
    // Changed meanwhile (412): show the current list; the message says why nothing changed.
    onError: (error) => error instanceof ApiError && error.status === 412 && refresh(),
  });
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE("/users/{id}", { params: { path: { id: user.id } } })),
    onSuccess: refresh,
  });
  const other: UserRole = user.role === "admin" ? "customer" : "admin";
  const error = changeRole.error ?? remove.error;
  return (
    <>
      <tr>
        <th scope="row" className="cell-name">
          {label}
          {user.name ? <span className="cell-sub">{user.name}</span> : user.email ? null : <span className="cell-sub">No e-mail on file</span>}
        </th>
        <td data-label="Role">
          <span className={user.role === "admin" ? "tag tag-confirmed" : "tag tag-muted"}>{user.role === "admin" ? "Admin" : "Customer"}</span>
          {user.deletedAt ? <span className="tag tag-cancelled">Deleted</span> : null}
        </td>
        <td className="nowrap" data-label="Joined">{formatDate(user.createdAt)}</td>
        <td className="cell-actions">
          {self || user.deletedAt ? (
            self ? <span className="cell-sub">You</span> : null
          ) : (
            <span className="row-actions">
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={`Make ${other} ${label}`}
                disabled={changeRole.isPending}
                onClick={() => changeRole.mutate(other)}
              >
                {changeRole.isPending ? "Saving…" : `Make ${other}`}
              </button>
              <ConfirmButton label="Delete" name={`Delete ${label}`} question={`Delete ${label}? Their orders stay.`} confirmLabel={`Yes, delete ${label}`} busy={remove.isPending} onConfirm={() => remove.mutate()} />
            </span>
          )}
        </td>
      </tr>
      {error ? (
        <tr>
          <td colSpan={4}>
            <ProblemAlert error={error} title={`${label} was not changed.`} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
