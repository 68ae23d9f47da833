import { describeAlertStoreContract } from './alertStoreContract.js';
import { MemoryAlertStore } from './memoryAlertStore.js';

describeAlertStoreContract('MemoryAlertStore', () => new MemoryAlertStore());
