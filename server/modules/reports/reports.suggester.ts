import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { categoryReference } from '../organization/reference-data.ts';
import { reportsRepository as repo } from './reports.repository.ts';
import { CategorySuggester } from './suggester/category-suggester.ts';

const TRAINING_LIMIT = 50_000;
const RETRAIN_EVERY_MS = 30 * 60 * 1000;

/**
 * Holds the live category suggester. It starts from the seed vocabulary so a new
 * installation is useful at once, learns from the platform's own categorised reports
 * in the background, learns each new report as it is filed, and moves a description
 * from one category to the other when staff correct it. Instances retrain from the
 * database periodically, so corrections made on another instance arrive too.
 */
export function createSuggesterHolder(db: Db) {
  const categories = categoryReference();
  const known = new Set(categories.map((c) => c.code));
  let model = seeded();
  let timer: NodeJS.Timeout | null = null;

  function seeded() {
    const fresh = new CategorySuggester(categories);
    fresh.learnSeedVocabulary();
    return fresh;
  }

  async function retrain(): Promise<number> {
    const rows = await repo.trainingRows(db, TRAINING_LIMIT);
    const next = seeded();
    for (const row of rows) next.learn(row.description, row.code);
    model = next;
    return rows.length;
  }

  return {
    suggest: (text: string, limit = 5) => model.suggest(text, limit),
    // A category the model was not built with (added in the database since) has nothing
    // to learn into: the report is filed all the same.
    learn: (text: string, code: string) => {
      if (known.has(code)) model.learn(text, code);
    },
    correct: (text: string, from: string, to: string) => {
      model.unlearn(text, from);
      model.learn(text, to);
    },
    retrain,
    start(log: FastifyBaseLogger) {
      const run = () =>
        retrain()
          .then((n) => log.info(`category suggester trained on ${n} reports`))
          .catch((error) => log.warn({ err: error }, 'category suggester retraining failed; keeping the current model'));
      void run();
      timer = setInterval(run, RETRAIN_EVERY_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}

export type SuggesterHolder = ReturnType<typeof createSuggesterHolder>;
