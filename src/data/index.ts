// The data layer's public face for screens (the UI HOOK CONTRACT) and for tests and the bench
// (the client and its parts). Features import from here, never from RxDB or fetch.
export {
  type AccountSummary,
  ApiError,
  type Device,
  type DirectoryUser,
  emailAddressSchema,
  type NewAccount,
  type SessionUser,
  type SignInOptions,
} from './api';
export type { BlobRef } from './blobs';
export {
  type CaseFilter,
  type CaseListItem,
  type CasePage,
  isOverdue,
  londonDate,
  PAGE_SIZE,
} from './caseQueries';
export {
  type CaseView,
  type ClearwayClient,
  type ClientOptions,
  createClearwayClient,
  REVOKED_NOTICE,
  type SessionState,
  SignOutBlockedError,
} from './client';
export {
  type BlobStatus,
  ClearwayDataProvider,
  getBrowserClient,
  useBlob,
  useCalendar,
  useCase,
  useCasePage,
  useCases,
  useDeviceNames,
  useDirectory,
  useDismissRejected,
  useMyWork,
  useMyWorkAll,
  usePendingCount,
  useRejected,
  useSendEvent,
  useSession,
  useSignInOptions,
  useStorageEstimate,
  useSyncStatus,
  useTemplates,
  useUploadBlob,
  useUsers,
} from './hooks';
export type { PendingEvent } from './overlay';
export type { SyncState, SyncStatus } from './replication';
export type { LocalStreamDocument, OutboxDocument } from './schemas';
export { describeStorage, type StorageEstimate } from './storage';
