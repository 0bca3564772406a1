// Creates every topic in the contracts catalogue (partitions and retention as declared there).
// Run by scripts/setup.sh before any service starts; existing topics are left as they are.
import { allTopics } from '@oversight/contracts';
import { createKafka, ensureTopics } from '@oversight/messaging';

async function main() {
  const kafka = createKafka('topic-admin', process.env.KAFKA_BROKERS ?? '127.0.0.1:9092');
  const created = await ensureTopics(kafka, allTopics);
  console.log(
    `[oversight] kafka topics: ${allTopics.length} in catalogue, ${created.length} created${created.length ? ` (${created.join(', ')})` : ''}`,
  );
}

main().catch((err) => {
  console.error(`[oversight] could not create kafka topics: ${(err as Error).message}`);
  process.exit(1);
});
