// Lists for filter pickers: agents and groups (GET /agents, or the agents in the KPI report when that
// endpoint is missing) and rules (GET /rules).
import { useMemo } from 'react';
import * as endpoints from '../api/endpoints';
import type { Agent, Rule } from '../api/types';
import { useApi } from '../api/use-api';
import { useShop } from '../auth/shop-context';

export function useAgents(): Agent[] {
  const { dataDays } = useShop();
  const { data } = useApi(async () => {
    try {
      return await endpoints.agents();
    } catch {
      if (!dataDays) return [];
      const r = await endpoints.kpi({ from: dataDays.first, to: dataDays.last });
      return r.agents.map((a) => ({ nick: a.agent }));
    }
  }, [dataDays?.first, dataDays?.last]);
  return data ?? [];
}

export function useGroups(agents: Agent[]): string[] {
  return useMemo(
    () => [...new Set(agents.map((a) => a.group).filter((g): g is string => !!g))].sort(),
    [agents],
  );
}

export function useRules(): Rule[] {
  const { data } = useApi(() => endpoints.rules(), []);
  return data?.rules ?? [];
}
