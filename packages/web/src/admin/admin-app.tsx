import { Link, Route, Switch, useLocation } from "wouter";
import { PageTitle } from "../ui/layout";
import { Empty } from "../ui/states";
import { ApiKeysPage } from "./api-keys";
import { ExportsPage } from "./exports";
import { OrdersPage } from "./orders";
import { EditProductPage } from "./product-edit";
import { NewProductPage } from "./product-new";
import { ProductsPage } from "./products";
import { SalesPage } from "./sales";
import { UsersPage } from "./users";
import "./admin.css";

/**
 * The admin area, loaded only on /admin/* (React.lazy in ../app.tsx). Routes here are relative
 * to /admin (wouter's nested route): "/products" is /admin/products.
 */
const sections = [
  { href: "/products", label: "Products", about: "Create, edit and delete products; add pictures." },
  { href: "/orders", label: "Orders", about: "Find orders by status and date." },
  { href: "/analytics", label: "Sales", about: "Revenue and items sold per day." },
  { href: "/api-keys", label: "API keys", about: "Keys for partners, with scopes and limits." },
  { href: "/users", label: "Users", about: "Roles and accounts." },
  { href: "/exports", label: "Exports", about: "Orders as a CSV file." },
];

export default function AdminApp() {
  const [location] = useLocation();
  return (
    <div className="admin">
      <nav aria-label="Admin" className="admin-nav">
        {sections.map((section) => (
          <Link
            key={section.href}
            href={section.href}
            className="nav-link"
            aria-current={location === section.href || location.startsWith(`${section.href}/`) ? "page" : undefined}
          >
            {section.label}
          </Link>
        ))}
      </nav>
      <div className="admin-body">
        <Switch>
          <Route path="/">
            <PageTitle title="Admin">Admin</PageTitle>
            <ul className="admin-cards">
              {sections.map((section) => (
                <li key={section.href}>
                  <Link href={section.href} className="admin-card">
                    <span className="admin-card-title">{section.label}</span>
                    <span className="admin-card-about">{section.about}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </Route>
          <Route path="/products" component={ProductsPage} />
          <Route path="/products/new" component={NewProductPage} />
          <Route path="/products/:id">{({ id }) => <EditProductPage id={id} />}</Route>
          <Route path="/orders" component={OrdersPage} />
          <Route path="/analytics" component={SalesPage} />
          <Route path="/api-keys" component={ApiKeysPage} />
          <Route path="/users" component={UsersPage} />
          <Route path="/exports" component={ExportsPage} />
          <Route>
            <Empty title="There is no admin page at this address." />
          </Route>
        </Switch>
      </div>
    </div>
  );
}
