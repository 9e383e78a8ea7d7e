import { useEffect, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { useSession } from "../session/session";
import { useCart } from "../store/cart";

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [location] = useLocation();
  const current = href === "/" ? location === "/" : location === href || location.startsWith(`${href}/`);
  return (
    <Link href={href} className="nav-link" aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}

/** The frame of every page: skip link, header with navigation, main landmark, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const count = useCart().reduce((sum, line) => sum + line.quantity, 0);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link href="/" className="brand">
            Emporium
          </Link>
          <nav aria-label="Main" className="nav">
            <NavLink href="/">Shop</NavLink>
            {session.status === "signed-in" ? <NavLink href="/orders">My orders</NavLink> : null}
            {session.status === "signed-in" ? <NavLink href="/account">Account</NavLink> : null}
            {session.status === "anonymous" ? <NavLink href="/login">Log in</NavLink> : null}
            {session.status === "signed-in" && session.isAdmin ? <NavLink href="/admin">Admin</NavLink> : null}
            <NavLink href="/cart">
              Cart <span className="badge" aria-label={`${count} ${count === 1 ? "item" : "items"}`}>{count}</span>
            </NavLink>
          </nav>
        </div>
      </header>
      <main id="main" className="container main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">Emporium · prices include VAT · free returns within 30 days</div>
      </footer>
    </>
  );
}

/** A page's title, which also names the browser tab. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  useEffect(() => {
    document.title = `${title} · Emporium`;
  }, [title]);
  return <h1 className="page-title">{children}</h1>;
}
