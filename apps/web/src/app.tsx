import { SystemStatus } from './components/system-status';

export function App() {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">DevMentor</span>
      </header>
      <main className="content">
        <h1>Your project workspace</h1>
        <SystemStatus />
      </main>
    </div>
  );
}
