// @ts-check
// The signed-in part every page behind the sign-in shares: the user (the page's
// roles enforced, a user without one told why), the account bar, the scope bar
// (scope.js) and signing out.
// Only signed-in pages import it: every id it looks up is on each of them.

import { urls, api } from "./portal.js";
import { showScope } from "./scope.js";
import { t } from "./texts.js";

/** @typedef {import("./portal.js").User} User */

/** The roles that may use this page (`data-roles`, from the page table); any role when empty. */
const pageRoles = JSON.parse(/** @type {HTMLElement | null} */ (document.querySelector("[data-roles]"))?.dataset.roles || "[]");

/**
 * The signed-in user, shown in the account bar; without a session, a redirect to
 * the sign-in page. A user whose roles the page does not serve is told why, and
 * the promise never resolves.
 * @returns {Promise<User>}
 */
export async function me() {
  const answer = await api("GET", "/api/me");
  if (answer.status !== 200) {
    document.cookie = "signed_in=; Path=/; Max-Age=0; SameSite=Strict";
    location.assign(urls.login);
    return new Promise(() => {});
  }
  /** @type {User} */
  const user = answer.body;
  const bar = document.getElementById("account-bar");
  if (bar) {
    document.getElementById("account-org").textContent = user.employer.company_name;
    document.getElementById("account-user").textContent = user.name;
    bar.hidden = false;
  }
  if (pageRoles.length) await requireRole(user, pageRoles);
  showScope(user);
  return user;
}

/**
 * For a signed-in user whose roles lack every one of `roles`: says on the page why
 * it is not theirs and who can change that, instead of sending them away silently.
 * Resolves only when the user may use the page.
 * @param {User} user
 * @param {import("./portal.js").Role[]} roles the roles the page serves
 * @returns {Promise<void>}
 */
function requireRole(user, roles) {
  if (roles.some((r) => user.roles.includes(r))) return Promise.resolve();
  const names = (list) => list.map((r) => t(`portal.roles.${r}`)).join(` ${t("portal.or")} `);
  const message = Object.assign(document.createElement("p"), {
    className: "notice",
    textContent: t("portal.not_yours", { role: names(roles), roles: names(user.roles) }),
  });
  const back = Object.assign(document.createElement("a"), { href: urls.home, textContent: t("portal.back_home") });
  const box = document.createElement("div");
  box.append(message, Object.assign(document.createElement("p"), {}));
  box.lastElementChild.append(back);
  document.getElementById("signed-in").replaceWith(box);
  return new Promise(() => {});
}

document.getElementById("sign-out").addEventListener("click", async () => {
  await api("POST", "/api/auth/logout");
  location.assign(urls.login);
});
