// The level-of-service questions, shown on demand: answering them proposes the
// level (and the vendor flags) with the reason, instead of a guess from a list.
import { Box, Checkbox, FormControlLabel, MenuItem, TextField } from '@mui/material';
import type { LevelAnswers, Monitoring } from '../../booking/level-of-service';

const YES_NO: [keyof Pick<LevelAnswers, 'canSit' | 'canTransfer' | 'canWalk' | 'oxygen' | 'escort' | 'bariatric'>, string][] = [
  ['canSit', 'Can sit up for the whole trip'], ['canTransfer', 'Can transfer to a seat (alone or with one helper)'],
  ['canWalk', 'Can walk to the vehicle (with help)'], ['oxygen', 'Needs oxygen on the way'],
  ['escort', 'Needs an escort or attendant'], ['bariatric', 'Needs bariatric equipment'],
];

const MONITORING: [Monitoring, string][] = [['none', 'None'], ['basic', 'Basic (vitals, oxygen titration, suction)'], ['advanced', 'Advanced (cardiac monitor, IV line)'], ['critical', 'Critical care (drips titrated en route, ventilator)']];

export function LevelQuestions({ answers, onChange }: { answers: LevelAnswers; onChange: (a: LevelAnswers) => void }) {
  return (
    <Box role="group" aria-label="Level-of-service questions" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 0.5, p: 1, border: 1, borderColor: 'divider', borderRadius: 1 }}>
      {YES_NO.map(([key, label]) => (
        <FormControlLabel key={key} label={label} control={<Checkbox checked={answers[key]} onChange={(e) => onChange({ ...answers, [key]: e.target.checked })} />} />
      ))}
      <TextField select size="small" label="Monitoring en route" value={answers.monitoring} onChange={(e) => onChange({ ...answers, monitoring: MONITORING.find(([m]) => m === e.target.value)?.[0] ?? 'none' })}>
        {MONITORING.map(([m, label]) => <MenuItem key={m} value={m}>{label}</MenuItem>)}
      </TextField>
    </Box>
  );
}
