// Server-only account data for the People page (everyone's accounts, a person's devices),
// through @tanstack/react-query and the data layer's typed client.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getBrowserClient, type NewAccount } from '../../data';
import type { Role } from '../../domain';

const ACCOUNTS_KEY = ['admin', 'accounts'] as const;
const devicesKey = (userId: string) => ['admin', 'devices', userId] as const;

/** Asked only for administrators: anyone else would be refused. */
export function useAccounts(isAdministrator: boolean) {
  return useQuery({
    queryKey: ACCOUNTS_KEY,
    queryFn: () => getBrowserClient().api.accounts(),
    enabled: isAdministrator,
  });
}

/** Removes the link: the person's next organisation sign-in links their account afresh. */
export function useRemoveSignInLink(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => getBrowserClient().api.removeSignInLink(userId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY }),
  });
}

export function useAddAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (account: NewAccount) => getBrowserClient().api.addAccount(account),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY }),
  });
}

export function useChangeAccess(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { roles: Role[]; teamIds: string[] }) =>
      getBrowserClient().api.changeAccess(userId, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY }),
  });
}

export function useResetPassword(userId: string) {
  return useMutation({
    mutationFn: (reset: { password: string; signOutDevices: boolean }) =>
      getBrowserClient().api.resetPassword(userId, reset.password, reset.signOutDevices),
  });
}

export function usePersonDevices(userId: string) {
  return useQuery({ queryKey: devicesKey(userId), queryFn: () => getBrowserClient().api.devicesOf(userId) });
}

export function useSignOutDevice(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) => getBrowserClient().api.revokeDevice(deviceId),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: devicesKey(userId) });
      queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY });
    },
  });
}
