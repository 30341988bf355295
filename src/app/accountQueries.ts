// Server-only data for the Account page (the person's devices), through @tanstack/react-query
// and the data layer's typed API client — screens never call fetch themselves.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getBrowserClient } from '../data';

const DEVICES_KEY = ['devices'] as const;

export function useDevices() {
  return useQuery({ queryKey: DEVICES_KEY, queryFn: () => getBrowserClient().api.devices() });
}

export function useRevokeDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) => getBrowserClient().api.revokeDevice(deviceId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DEVICES_KEY }),
  });
}
