import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { formatDate, timeAgo } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { CreateApiKeyForm } from './create-api-key-form';

export default function ApiKeysPage() {
  const keys = trpc.apiKeys.list.useQuery();
  const utils = trpc.useUtils();
  const toast = useToast();
  const [secret, setSecret] = useState<string | null>(null);
  const revoke = trpc.apiKeys.revoke.useMutation({ onSuccess: () => utils.apiKeys.list.invalidate(), onError: (error) => toast(errorMessage(error), 'error') });
  const items = keys.data?.items ?? [];
  return (
    <div className="stack-lg" style={{ maxWidth: 900 }}>
      <div className="page-header" style={{ marginBottom: 0 }}>
        <div>
          <h1>API keys</h1>
          <p>Keys act as you, with the scopes you choose. Send one as <code>Authorization: Bearer …</code>.</p>
        </div>
      </div>
      {secret && (
        <div className="card card-body stack" role="status">
          <strong>Copy your new key now. It will not be shown again.</strong>
          <div className="secret" data-testid="api-key-secret">{secret}</div>
          <div className="row">
            <button type="button" className="btn btn-sm" onClick={() => void navigator.clipboard?.writeText(secret).then(() => toast('Copied', 'success'))}>Copy</button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setSecret(null)}>I have saved it</button>
          </div>
        </div>
      )}
      <CreateApiKeyForm onCreated={setSecret} />
      <section className="card">
        {keys.isLoading && <Loading />}
        {keys.error && <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />}
        {keys.data && items.length === 0 && <EmptyState icon="✱" title="No API keys yet">Create one for scripts and integrations.</EmptyState>}
        {items.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr><th>Name</th><th>Key</th><th>Scopes</th><th>Last used</th><th>Expires</th><th /></tr>
              </thead>
              <tbody>
                {items.map((key) => (
                  <tr key={key.id}>
                    <td style={{ fontWeight: 600 }}>{key.name}</td>
                    <td className="mono">{key.prefix}…</td>
                    <td>{key.scopes.map((scope) => <span key={scope} className="badge" style={{ marginRight: 4 }}>{scope}</span>)}</td>
                    <td className="muted">{key.lastUsedAt ? timeAgo(key.lastUsedAt) : 'never'}</td>
                    <td className="muted">{key.revokedAt ? <span className="badge badge-danger">revoked</span> : key.expiresAt ? formatDate(key.expiresAt) : 'never'}</td>
                    <td>{!key.revokedAt && <button type="button" className="btn btn-ghost btn-sm" onClick={() => window.confirm(`Revoke ${key.name}?`) && revoke.mutate({ id: key.id })}>Revoke</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
