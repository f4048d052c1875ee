import { timeAgo } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { EmptyState, ErrorState, Loading } from '../../ui/states';

/** Links in mail bodies become clickable, so verification and reset work without a mail server. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s"<>]+)/g);
  return (
    <>
      {parts.map((part, index) => (/^https?:\/\//.test(part) ? <a key={index} href={part}>{part}</a> : <span key={index}>{part}</span>))}
    </>
  );
}

export default function OutboxPage() {
  const outbox = trpc.devOutbox.list.useQuery({ limit: 50 }, { refetchInterval: 5000, retry: false });
  const items = outbox.data?.items ?? [];
  return (
    <div style={{ maxWidth: 900 }}>
      <div className="page-header">
        <div>
          <h1>Dev outbox</h1>
          <p>Mail the server would have sent. Development only.</p>
        </div>
      </div>
      {outbox.isLoading && <Loading />}
      {outbox.error && <div className="card"><ErrorState error={outbox.error} /></div>}
      {outbox.data && items.length === 0 && <div className="card"><EmptyState icon="✉" title="No mail yet">Register or ask for a password reset and the mail shows up here.</EmptyState></div>}
      <div className="stack">
        {items.map((mail) => (
          <article key={mail.id} className="card">
            <div className="card-header">
              <div>
                <h2>{mail.subject}</h2>
                <div className="muted" style={{ fontSize: 12.5 }}>to {mail.to} · {timeAgo(mail.createdAt)}</div>
              </div>
            </div>
            <div className="card-body" style={{ whiteSpace: 'pre-wrap', fontSize: 13.5 }}>
              <Linkified text={mail.text} />
            </div>
          </article>
        ))}
      </div>
    </div>
  );
}
