import { lazy, Suspense } from "react";
import { Link, Route, Switch } from "wouter";
import { ConfirmPage } from "./account/confirm";
import { ForgotPasswordPage } from "./account/forgot-password";
import { LogInPage } from "./account/log-in";
import { ProfilePage } from "./account/profile";
import { RequireSession } from "./account/require-session";
import { ResetPasswordPage } from "./account/reset-password";
import { SignUpPage } from "./account/sign-up";
import { CartPage } from "./store/cart-page";
import { CataloguePage } from "./store/catalogue";
import { MyOrdersPage } from "./store/my-orders";
import { OrderPage } from "./store/order";
import { ProductPage } from "./store/product";
import { Layout, PageTitle } from "./ui/layout";
import { Loading } from "./ui/states";

// Admin pages are their own chunk: a shopper's browser never downloads them.
const AdminApp = lazy(() => import("./admin/admin-app"));

export function App() {
  return (
    <Layout>
      <Switch>
        <Route path="/" component={CataloguePage} />
        <Route path="/products/:id">{({ id }) => <ProductPage id={id} />}</Route>
        <Route path="/cart" component={CartPage} />
        <Route path="/orders">
          <RequireSession>
            <MyOrdersPage />
          </RequireSession>
        </Route>
        <Route path="/orders/:id">
          {({ id }) => (
            <RequireSession>
              <OrderPage id={id} />
            </RequireSession>
          )}
        </Route>
        <Route path="/signup" component={SignUpPage} />
        <Route path="/confirm" component={ConfirmPage} />
        <Route path="/login" component={LogInPage} />
        <Route path="/forgot-password" component={ForgotPasswordPage} />
        <Route path="/reset-password" component={ResetPasswordPage} />
        <Route path="/account">
          <RequireSession>
            <ProfilePage />
          </RequireSession>
        </Route>
        <Route path="/admin" nest>
          <RequireSession admin>
            <Suspense fallback={<Loading label="Loading the admin pages…" />}>
              <AdminApp />
            </Suspense>
          </RequireSession>
        </Route>
        <Route>
          <NotFound />
        </Route>
      </Switch>
    </Layout>
  );
}

function NotFound() {
  return (
    <div className="state">
      <PageTitle title="Not found">Page not found</PageTitle>
      <p>There is nothing at this address.</p>
      <Link className="button" href="/">
        Back to the shop
      </Link>
    </div>
  );
}
