import { Link, Route, Switch } from "wouter";
import { PageTitle } from "../ui/layout";
import { Empty } from "../ui/states";

/**
 * The admin area, loaded only on /admin/* (React.lazy in ../app.tsx). Routes here are relative
 * to /admin (wouter's nested route): "/products" is /admin/products.
 */
const sections = [
  { href: "/products", label: "Products" },
  { href: "/orders", label: "Orders" },
  { href: "/analytics", label: "Sales" },
  { href: "/api-keys", label: "API keys" },
  { href: "/users", label: "Users" },
  { href: "/exports", label: "Exports" },
];

export default function AdminApp() {
  return (
    <div className="admin">
      <nav aria-label="Admin" className="admin-nav">
        {sections.map((section) => (
          <Link key={section.href} href={section.href} className={(active) => (active ? "nav-link active" : "nav-link")}>
            {section.label}
          </Link>
        ))}
      </nav>
      <div className="admin-body">
        <Switch>
          <Route path="/">
            <PageTitle title="Admin">Admin</PageTitle>
            <p>Run the shop: products, orders, sales, API keys, users and exports.</p>
          </Route>
          <Route>
            <Empty title="This admin page is not built yet." />
          </Route>
        </Switch>
      </div>
    </div>
  );
}
