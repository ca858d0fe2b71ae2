import * as assert from 'node:assert/strict';
import { languageOfShebang } from '../../../src/cli/script-language';

describe('the language of a #! line', () => {
  it('shells and python, directly or through env', () => {
    const cases: Array<[string, string | undefined]> = [
      ['#!/bin/sh', 'shellscript'],
      ['#!/bin/bash -e', 'shellscript'],
      ['#! /usr/bin/env bash', 'shellscript'],
      ['#!/usr/bin/env -S zsh -f', 'shellscript'],
      ['#!/usr/bin/env LC_ALL=C dash', 'shellscript'],
      ['#!/usr/bin/env python3', 'python'],
      ['#!/usr/local/bin/python3.12', 'python'],
    ];
    for (const [line, language] of cases) assert.equal(languageOfShebang(line), language, line);
  });

  it('nothing for other interpreters and for text that only mentions a shell', () => {
    for (const line of ['#!/usr/bin/env node', '#!/home/shared/tool', '#!/usr/bin/perl', '# bash script', 'sh deploy.sh', '']) {
      assert.equal(languageOfShebang(line), undefined, line);
    }
  });
});
