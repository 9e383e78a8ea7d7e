import { describe, expect, it } from "vitest";
import { API_KEY_SCOPES, can, isAdmin, isApiClient, roleFromGroups, type ApiClient, type Principal } from "../src/auth";

const admin: Principal = { userId: "u-admin", role: "admin", username: "ada" };
const customer: Principal = { userId: "u-customer", role: "customer", username: "cy" };
const reader: ApiClient = { keyId: "k-reader", scopes: ["orders:read"] };
const stocker: ApiClient = { keyId: "k-stock", scopes: ["stock:write"] };
const bare: ApiClient = { keyId: "k-none", scopes: [] };

describe("actors and permissions", () => {
  it("tells API keys from users by their key id alone", () => {
    expect([admin, customer, reader, bare].map(isApiClient)).toEqual([false, false, true, true]);
    // A user object that happens to carry extra fields is still a user.
    expect(isApiClient({ ...customer, scopes: ["orders:read"] } as Principal)).toBe(false);
  });

  it("calls only a user with the admin role an admin, never an API key", () => {
    expect([admin, customer, reader, stocker].map(isAdmin)).toEqual([true, false, false, false]);
    // A key cannot become an admin by carrying a role field.
    expect(isAdmin({ ...reader, role: "admin" } as ApiClient)).toBe(false);
  });

  it("grants admins every scope, customers none, and keys exactly their own", () => {
    for (const scope of API_KEY_SCOPES) {
      expect(can(admin, scope), scope).toBe(true);
      expect(can(customer, scope), scope).toBe(false);
      expect(can(bare, scope), scope).toBe(false);
    }
    expect(can(reader, "orders:read")).toBe(true);
    expect(can(reader, "stock:write")).toBe(false);
    expect(can(stocker, "stock:write")).toBe(true);
    expect(can(stocker, "orders:read")).toBe(false);
    // An API key's permissions come from its scopes, not from a role it might carry.
    expect(can({ ...bare, role: "admin" } as ApiClient, "orders:read")).toBe(false);
  });

  it("makes a user an admin only through the admin group", () => {
    expect(roleFromGroups(["admin"])).toBe("admin");
    expect(roleFromGroups(["customer", "admin"])).toBe("admin");
    expect(roleFromGroups([])).toBe("customer");
    expect(roleFromGroups(["customer"])).toBe("customer");
    expect(roleFromGroups(["Admin", "admins", "administrator"])).toBe("customer");
  });

  it("offers exactly the two documented scopes", () => {
    expect([...API_KEY_SCOPES]).toEqual(["orders:read", "stock:write"]);
  });
});
