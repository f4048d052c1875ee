import { useEffect, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Sidebar } from './sidebar';
import { Topbar } from './topbar';

export function AppLayout() {
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);
  return (
    <div className="app">
      <Sidebar open={menuOpen} />
      {menuOpen && <div className="scrim" style={{ zIndex: 65 }} onClick={() => setMenuOpen(false)} />}
      <div className="main">
        <Topbar onMenu={() => setMenuOpen((open) => !open)} />
        <main className="content" id="main">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
