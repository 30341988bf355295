// Server-only data for the Account page (the person's devices), through @tanstack/react-query
// and the data layer's typed API client — screens never call fetch themselves.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getBrowserClient } from '../data';

const DEVICES_KEY = ['devices'] as const;
const ME_KEY = ['me'] as const;

/** Who the server says is signed in, with their e-mail address (needs the network). */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: () => getBrowserClient().api.me() });
}

export function useSetEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string | null) => getBrowserClient().api.setEmail(email),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}

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

export function useChangePassword() {
  return useMutation({
    mutationFn: (change: { currentPassword: string; newPassword: string; signOutOtherDevices: boolean }) =>
      getBrowserClient().api.changePassword(
        change.currentPassword,
        change.newPassword,
        change.signOutOtherDevices,
      ),
  });
}
