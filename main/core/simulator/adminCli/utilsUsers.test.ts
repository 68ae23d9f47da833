import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

let model: ClusterModel;
afterEach(() => model?.dispose());

describe('utils users validate', () => {
  it('reports nothing on a clean cluster', async () => {
    model = testModel();
    const out = (await openCli(model, 'imp-pub').run('utils users validate all')).text;
    expect(out).toContain('No Users with Duplicate User IDs found');
    expect(out).not.toContain('-----');
  });

  it('prints injected problems in the guide layout and raises the Data Monitor alarms', async () => {
    model = testModel();
    const u = model.users.users;
    model.injectDuplicates('userid', [u[2]!.userid]);
    model.injectDuplicates('uri', [u[3]!.uri]);
    model.injectDuplicates('invalidUri', ['asdf@ASDF@asdf@ADSF@cisco', u[4]!.userid]);
    const c = openCli(model, 'imp-pub');
    const ids = (await c.run('utils users validate userid')).text;
    const home = u[2]!.homeNode!;
    expect(ids).toMatch(new RegExp(`^Users with Duplicate User IDs\\n-----\\nUser ID: ${u[2]!.userid}\\nNode Name\\n${home}\\n[a-z0-9-]+\\n`));
    expect(ids).not.toContain('Directory URI');
    const uris = (await c.run('utils users validate uri')).text;
    expect(uris).toContain(`Users with No Directory URI Configured\n-----\nNode Name: ${u[4]!.homeNode}\nUser ID\n${u[4]!.userid}\n`);
    expect(uris).toContain('Users with Invalid Directory URI Configured\n-----\n');
    expect(uris).toMatch(/^User ID   Directory URI\n\S+ +asdf@ASDF@asdf@ADSF@cisco$/m);
    expect(uris).toContain(`Users with Duplicate Directory URIs\n-----\nDirectory URI: ${u[3]!.uri}\nNode Name   User ID\n${u[3]!.homeNode!.padEnd(12)}${u[3]!.userid}\n`);
    expect(uris).not.toContain('Duplicate User IDs');
    const all = (await c.run('utils users validate all')).text;
    expect(all).toContain('Users with Duplicate User IDs');
    expect(all).toContain('Users with Duplicate Directory URIs');
    const active = model.alarms.active().map((a) => a.name);
    expect(active).toEqual(expect.arrayContaining(['DuplicateUserid', 'DuplicateDirectoryURI', 'InvalidDirectoryURI']));
  });
});
