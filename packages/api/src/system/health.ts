import type { AppServices } from '../trpc/context';

export interface HealthReport {
  status: 'ok';
  instanceId: string;
  uptimeSeconds: number;
  database: AppServices['capabilities']['database'];
  vector: boolean;
  bus: AppServices['capabilities']['bus'];
  time: string;
}

export function getHealth(services: Pick<AppServices, 'capabilities' | 'instanceId'>): HealthReport {
  return {
    status: 'ok',
    instanceId: services.instanceId,
    uptimeSeconds: Math.round(process.uptime()),
    database: services.capabilities.database,
    vector: services.capabilities.vector,
    bus: services.capabilities.bus,
    time: new Date().toISOString(),
  };
}
