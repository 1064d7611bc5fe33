#!/usr/bin/env bash
# Usage: test_sweep_slurm.sh PLASTICORE_BINARY SOURCE_DIR
# plasticore sweep --emit-slurm / --slurm without a Slurm cluster: the scripts it writes are run
# by hand (an array task is `SLURM_ARRAY_TASK_ID=K bash sweep.sbatch`) and must give the result
# of a local run; --slurm talks to stand-ins for sbatch and squeue that record their arguments.
# The real cluster is tests/slurm/test_slurm.sh.
set -u
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fails=0
check() {  # check DESCRIPTION COMMAND...
    if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}
fails_with() {  # fails_with DESCRIPTION TEXT COMMAND...: non-zero exit and TEXT in its stderr
    if "${@:3}" > "$work/out.txt" 2>&1; then
        echo "FAIL $1 (exit 0)"; fails=$((fails + 1))
    else
        check "$1" grep -qF -- "$2" "$work/out.txt"
    fi
}

# 3 points x 1 seed of a shortened song2000.
sweep=(sweep "$src/examples/song2000.toml" --set simulation.duration_ms=300 --set source.inputs.size=100
       --set hardware.weight_bits=5,6,8)
"$bin" "${sweep[@]}" -j 1 --out local -q

# --emit-slurm writes the scripts and submits nothing.
"$bin" "${sweep[@]}" --emit-slurm 2 --sbatch=--time=00:10:00 --out emitted > emit.txt 2>&1
check "--emit-slurm exits 0" test $? -eq 0
check "--emit-slurm says how to submit" grep -q "sbatch --dependency=afterany" emit.txt
s=emitted/slurm/sweep.sbatch
check "array of both shards" grep -qx '#SBATCH --array=1-2' $s
check "one CPU per task by default" grep -qx '#SBATCH --cpus-per-task=1' $s
check "jobs start in the submitting directory" grep -qx "#SBATCH --chdir=$work" $s
check "one log per task" grep -qx "#SBATCH --output=$work/emitted/slurm/logs/shard-%a-job-%A.out" $s
check "--sbatch option in both scripts" grep -qx '#SBATCH --time=00:10:00' $s emitted/slurm/merge.sbatch
check "the scripts are valid bash" bash -n $s
check "the merge script is valid bash" bash -n emitted/slurm/merge.sbatch
check "the log directory exists (sbatch does not create it)" test -d emitted/slurm/logs
fails_with "the array script outside Slurm needs a task id" "SLURM_ARRAY_TASK_ID" bash $s

# Task 1 runs, task 2 is lost: the merge fails, names what is missing and how to resubmit.
SLURM_ARRAY_TASK_ID=1 bash $s > task1.txt 2>&1
check "array task 1 runs shard 1/2" grep -q "this shard: 2 runs" task1.txt
fails_with "merge with a shard missing fails" "1 of 3 points are missing" bash emitted/slurm/merge.sbatch
check "... and says how to resubmit" grep -qF -- "--emit-slurm 2 --sbatch=--time=00:10:00 --out $work/emitted" out.txt
"$bin" "${sweep[@]}" --emit-slurm 2 --sbatch=--time=00:10:00 --out emitted -q
check "regenerated array holds only shard 2" grep -qx '#SBATCH --array=2' $s
SLURM_ARRAY_TASK_ID=2 bash $s > task2.txt 2>&1
bash emitted/slurm/merge.sbatch > merge.txt 2>&1
check "merge after all shards exits 0" test $? -eq 0
for f in sweep.csv sweep_summary.csv sweep.json; do
    check "merged $f equals the local run" cmp -s local/$f emitted/$f
done
"$bin" "${sweep[@]}" --emit-slurm 2 --sbatch=--time=00:10:00 --out emitted > again.txt 2>&1
check "all shards complete: nothing to emit" grep -q "all 2 shards are complete" again.txt

# Refusals, before anything is written or submitted.
fails_with "another shard count into the same directory" "is split into 2 shards" \
    "$bin" "${sweep[@]}" --emit-slurm 3 --out emitted
fails_with "more shards than points" "use at most 3 shards" "$bin" "${sweep[@]}" --emit-slurm 4 --out x
fails_with "--shard with --slurm" "--shard cannot be combined" "$bin" "${sweep[@]}" --slurm 2 --shard 1/2 --out x
fails_with "--sbatch=--array is plasticore's" "sets --array itself" "$bin" "${sweep[@]}" --emit-slurm 2 --sbatch=--array=1 --out x
fails_with "--sbatch=-c4 is -j's" "use -j/--jobs" "$bin" "${sweep[@]}" --emit-slurm 2 --sbatch=-c4 --out x
"$bin" "${sweep[@]}" --emit-slurm 2 --sbatch=--job-name=mine --out named -q
check "--sbatch=--job-name replaces plasticore's job name" \
    test "$(grep -c '^#SBATCH --job-name' named/slurm/sweep.sbatch)" = 1 -a "$(grep -c '^#SBATCH --job-name=mine$' named/slurm/sweep.sbatch)" = 1
fails_with "--sbatch without --slurm" "--sbatch needs --slurm" "$bin" "${sweep[@]}" --sbatch=--time=1 --out x
fails_with "--slurm and --emit-slurm together" "excludes" "$bin" "${sweep[@]}" --slurm 2 --emit-slurm 2 --out x
fails_with "--merge with --slurm" "--merge cannot be combined" "$bin" sweep --merge local --slurm 2 --out x
fails_with "a bad point is named before submitting" "point 0" \
    "$bin" "${sweep[@]}" --set hardware.weight_rounding=nope --slurm 2 --out x
check "nothing was written for refused sweeps" test ! -e x
fails_with "--slurm without sbatch on PATH" "--slurm needs Slurm's sbatch on PATH" \
    env PATH=/nonexistent "$bin" "${sweep[@]}" --slurm 2 --out nosbatch

# --slurm with stand-ins for sbatch (prints job ids 101, 102, ...) and squeue (prints $work/queue).
mkdir fakebin
cat > fakebin/sbatch <<'FAKE'
#!/bin/bash
echo "$*" >> "$FAKE_DIR/sbatch.calls"
[ -e "$FAKE_DIR/sbatch.fail" ] && { echo "sbatch: error: Batch job submission failed: Invalid account" >&2; exit 1; }
n=$(wc -l < "$FAKE_DIR/sbatch.calls")
echo "$((100 + n));testcluster"
FAKE
cat > fakebin/squeue <<'FAKE'
#!/bin/bash
echo "$*" >> "$FAKE_DIR/squeue.calls"
cat "$FAKE_DIR/queue" 2>/dev/null
FAKE
chmod +x fakebin/*
export FAKE_DIR=$work
fake=(env PATH="$work/fakebin:$PATH")
"${fake[@]}" "$bin" "${sweep[@]}" --slurm 2 -j 2 --out submitted > submit.txt 2>&1
check "--slurm exits 0" test $? -eq 0
check "--slurm reports both jobs" grep -q "submitted array job 101 (shards 1-2 of 2, 3 runs) and merge job 102 after it" submit.txt
check "the array script is submitted first" grep -qx -- "--parsable $work/submitted/slurm/sweep.sbatch" sbatch.calls
check "the merge job depends on the whole array" grep -qx -- "--parsable --dependency=afterany:101 $work/submitted/slurm/merge.sbatch" sbatch.calls
check "-j sets the task's CPUs" grep -qx '#SBATCH --cpus-per-task=2' submitted/slurm/sweep.sbatch
check "-j sets the task's threads" grep -qF -- '--jobs "${SLURM_CPUS_PER_TASK:-2}"' submitted/slurm/sweep.sbatch
check "the jobs are recorded" grep -q '"merge_job": "102"' submitted/slurm/array.json
echo 102 > queue
fails_with "resubmitting while the merge job is queued is refused" "job 102 of the sweep" \
    "${fake[@]}" "$bin" "${sweep[@]}" --slurm 2 -j 2 --out submitted
check "squeue is asked for this user's jobs" grep -q -- "--me" squeue.calls
: > queue
"${fake[@]}" "$bin" "${sweep[@]}" --slurm 2 -j 2 --out submitted > resubmit.txt 2>&1
check "once the jobs are gone, the incomplete shards are resubmitted" grep -q "submitted array job 103 (shards 1-2 of 2" resubmit.txt
touch sbatch.fail
fails_with "sbatch's own error is shown" "Invalid account" "${fake[@]}" "$bin" "${sweep[@]}" --slurm 2 --out failing

echo "$((fails == 0 ? 1 : 0)) passed, $fails failed"
exit $((fails > 0))
