/**
 * The System Troubleshooter (guide L11224-11250): the guide's fifteen categories in its order, each test with
 * its result (Test Passed / Test Failed / Test Warning, L11269, and ours: Not checked, with why), the problem, the
 * guide's solution and where it is fixed — in Chinese from shared/reports/troubleshootCatalog.ts by test and
 * problemCode, the backend's English otherwise. "Problems only" hides what passed.
 */
import { useState } from 'react';
import { TROUBLESHOOT_CATEGORIES, type TroubleshootReport, type TroubleshootResult, type TroubleshootTest } from '../../../../shared/model/reports.js';
import { TROUBLESHOOT_CATEGORY_TITLES, troubleshootProblemText, troubleshootTestEntry } from '../../../../shared/reports/troubleshootCatalog.js';
import { useT } from '../../../i18n/useT.js';
import { Chip, type Tone } from '../reportParts.js';

const TONE: Readonly<Record<TroubleshootResult, Tone>> = { passed: 'ok', failed: 'bad', warning: 'warn', 'not-checked': 'idle' };
const RESULTS: readonly TroubleshootResult[] = ['failed', 'warning', 'not-checked', 'passed'];

/** The view. */
export function TroubleshootView({ data }: { readonly data: TroubleshootReport }) {
  const { t, locale } = useT();
  const [problemsOnly, setProblemsOnly] = useState(false);
  const count = (r: TroubleshootResult) => data.tests.filter((x) => x.result === r).length;
  return (
    <div className="rep-stack" data-testid="troubleshoot">
      <div className="rep-filter">
        {RESULTS.map((r) => (
          <Chip key={r} tone={TONE[r]} testId={`troubleshoot-count-${r}`}>
            {t(`reports.result.${r}`)} {count(r)}
          </Chip>
        ))}
        <label className="inline-field">
          <input type="checkbox" data-testid="troubleshoot-problems-only" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} />
          {t('reports.ts.problemsOnly')}
        </label>
      </div>
      {TROUBLESHOOT_CATEGORIES.map((category) => {
        const tests = data.tests.filter((x) => x.category === category);
        const shown = problemsOnly ? tests.filter((x) => x.result !== 'passed') : tests;
        const worst = RESULTS.find((r) => tests.some((x) => x.result === r));
        return (
          <section key={category} className="panel rep-category" data-testid={`troubleshoot-category-${category}`} data-worst={worst ?? 'none'}>
            <div className="panel-head">
              <h3>{TROUBLESHOOT_CATEGORY_TITLES[category][locale]}</h3>
              {worst ? <Chip tone={TONE[worst]}>{t(`reports.result.${worst}`)}</Chip> : <Chip tone="idle">{t('reports.ts.noTests')}</Chip>}
            </div>
            {shown.length === 0 ? (
              tests.length > 0 ? <div className="hint">{t('reports.ts.allPassed', { n: tests.length })}</div> : null
            ) : (
              <ul className="rep-tests">
                {shown.map((x) => (
                  <TestRow key={`${x.cluster}/${x.test}`} test={x} clusters={new Set(data.tests.map((y) => y.cluster)).size} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function TestRow({ test, clusters }: { readonly test: TroubleshootTest; readonly clusters: number }) {
  const { t, locale } = useT();
  const entry = troubleshootTestEntry(test.category, test.test);
  const title = entry ? entry.title[locale] : test.test;
  const problem = test.problemCode ? (troubleshootProblemText(test.problemCode, test.values, locale) ?? test.problem) : test.problem;
  const solution = locale === 'zh' && entry ? entry.solution.zh : (test.solution ?? entry?.solution.en);
  const fixAt = locale === 'zh' && entry ? entry.fixAt.zh : (test.fixAt ?? entry?.fixAt.en);
  return (
    <li className="rep-test" data-test={test.test} data-result={test.result}>
      <div className="rep-test-head">
        <Chip tone={TONE[test.result]}>{t(`reports.result.${test.result}`)}</Chip>
        <strong className="rep-test-title">{title}</strong>
        {clusters > 1 ? <span className="tag">{test.cluster}</span> : null}
      </div>
      {test.result !== 'passed' && problem ? <div className="rep-test-line">{problem}</div> : null}
      {test.subjects && test.subjects.length > 0 && !(test.result !== 'passed' && problem && test.subjects.every((x) => problem.includes(x)) && !test.more) ? (
        <div className="rep-test-line mono rep-subjects" title={test.subjects.join(', ')}>
          {test.subjects.slice(0, 12).join(', ')}
          {test.subjects.length > 12 || test.more ? ` ${t('reports.ts.more', { n: test.subjects.length - Math.min(12, test.subjects.length) + (test.more ?? 0) })}` : ''}
        </div>
      ) : null}
      {test.result !== 'passed' && solution ? (
        <div className="rep-test-line">
          <span className="rep-label">{t('reports.ts.solution')}</span> {solution}
        </div>
      ) : null}
      {test.result !== 'passed' && fixAt ? (
        <div className="rep-test-line">
          <span className="rep-label">{t('reports.ts.fixAt')}</span> {fixAt}
        </div>
      ) : null}
      {test.evidence ? <div className="hint rep-test-line mono">{test.evidence}</div> : null}
    </li>
  );
}
