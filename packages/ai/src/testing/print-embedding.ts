// Run in a separate process by the determinism test: prints the offline embeddings of argv texts.
import { createOfflineEmbedder } from '../providers/offline-embedder';

const texts = process.argv.slice(2);
const batch = await createOfflineEmbedder().embed(texts);
process.stdout.write(JSON.stringify(batch.vectors));
