import { describeSampleStoreContract } from '../sampleStoreContract.js';
import { MemorySampleStore } from './memorySampleStore.js';

describeSampleStoreContract('MemorySampleStore', () => new MemorySampleStore());
