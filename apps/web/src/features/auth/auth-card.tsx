import type { ReactNode } from 'react';

export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <div className="card-body stack">
          <div className="auth-brand">
            <span className="logo">◆</span> DevMentor
          </div>
          <div>
            <h1>{title}</h1>
            {subtitle && <p className="muted" style={{ marginTop: 4 }}>{subtitle}</p>}
          </div>
          {children}
        </div>
      </div>
    </div>
  );
}
