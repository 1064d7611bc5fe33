#!/usr/bin/env bash
# Usage: test_slurm.sh PLASTICORE_BINARY SOURCE_DIR        (as root; ctest -L slurm)
#
# `plasticore sweep --slurm` against a real Slurm. Starts munged, slurmctld and slurmd for a
# one-node cluster on localhost, with a generated slurm.conf, munge key, state, spool and logs all
# in a temporary directory (nothing under /etc or /var is touched, free ports are picked), then:
#   round 1: submits a 4-shard sweep while the partition is down, cancels array task 2 (a task
#            lost before it ran) and blocks shard 3's directory with a file (task 3 fails, exit
#            1), brings the partition up: shards 1 and 4 complete, the merge job fails naming
#            the missing points and the command that resubmits; then a run is deleted from
#            shard 4 (a shard lost half-way) and the blocking file removed;
#   round 2: the same command resubmits only shards 2-4; shard 4 resumes (1 run); the merge
#            job's sweep.csv, sweep_summary.csv and sweep.json equal a local `-j 1` run byte for
#            byte;
#   round 3: the same command finds every shard complete and submits nothing.
# Every daemon it started is stopped on exit, failure included (trap). Exit 77 (skipped) when not
# root: slurmd must run jobs as their user. On failure (or with PLASTICORE_SLURM_KEEP=1) the
# directory is kept; on failure the tails of the daemons' and jobs' logs are shown.
set -euo pipefail
bin=$(readlink -f "$1")
src=$(readlink -f "$2")
export PATH="$PATH:/usr/sbin:/sbin"

if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: the Slurm test must run as root (slurmd starts jobs as their user); run it with sudo:"
    echo "  sudo bash $0 $1 $2"
    exit 77
fi
for c in munged munge unmunge slurmctld slurmd sbatch squeue scontrol scancel sinfo; do
    if ! command -v "$c" > /dev/null; then
        echo "FAIL: '$c' is missing: run scripts/setup.sh (Debian packages slurm-wlm and munge)"
        exit 1
    fi
done

# Nothing from an enclosing Slurm job may leak into this private cluster.
while read -r v; do unset "$v"; done < <(compgen -e | grep '^SLURM_' || true)

started=$(date +%s)
work=$(mktemp -d /tmp/plasticore-slurm.XXXXXX)
chmod 0755 "$work"  # munged wants its socket directory searchable by all
daemons=()       # PIDs of the daemons this script started, in start order
daemon_names=()
fails=0

log() { echo "[$(($(date +%s) - started)) s] $*"; }
check() {  # check DESCRIPTION COMMAND...
    if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}

stop_daemons() {
    local i pid t
    # Jobs first, so no slurmstepd outlives its slurmd.
    if [ ${#daemons[@]} -ge 2 ] && [ -n "$(squeue --noheader --format=%i 2>/dev/null)" ]; then
        scancel --quiet --user="$(id -un)" 2>/dev/null || true
        for t in $(seq 50); do [ -z "$(squeue --noheader --format=%i 2>/dev/null)" ] && break; sleep 0.2; done
    fi
    for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do
        pid=${daemons[i]}
        kill -TERM "$pid" 2>/dev/null || continue
        for t in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
        wait "$pid" 2>/dev/null || true
        log "stopped ${daemon_names[i]} (pid $pid)"
    done
    daemons=()
}

on_exit() {
    local status=$?
    set +e
    stop_daemons
    if [ $status -ne 0 ]; then
        for f in "$work"/slurmctld.log "$work"/slurmd.log "$work"/*.stderr \
                 "$work"/cluster/slurm/logs/*.out; do
            [ -s "$f" ] && { echo "--- tail of $f"; tail -n 15 "$f"; }
        done
        echo "test directory kept: $work"
    elif [ -n "${PLASTICORE_SLURM_KEEP:-}" ]; then
        echo "test directory kept (PLASTICORE_SLURM_KEEP): $work"
    else
        rm -rf "$work"
    fi
    exit $status
}
trap on_exit EXIT
trap 'exit 1' INT TERM

# A TCP port nobody listens on (bash's /dev/tcp connects, or fails).
free_port() {
    local p
    for _ in $(seq 100); do
        p=$((20000 + RANDOM % 30000))
        if ! (exec 3<> "/dev/tcp/127.0.0.1/$p") 2>/dev/null && [ "$p" != "${1:-}" ]; then echo "$p"; return 0; fi
    done
    return 1
}

wait_until() {  # wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND, fails after SECONDS
    local deadline=$(($(date +%s) + $1)) what=$2
    shift 2
    until "$@"; do
        for i in "${!daemons[@]}"; do
            if ! kill -0 "${daemons[i]}" 2>/dev/null; then log "${daemon_names[i]} died while waiting for: $what"; return 1; fi
        done
        if [ "$(date +%s)" -ge "$deadline" ]; then log "timed out waiting for: $what"; return 1; fi
        sleep 0.2
    done
}

start_daemon() {  # start_daemon NAME COMMAND...: runs it in the foreground of a background job
    "${@:2}" > "$work/$1.stderr" 2>&1 &
    daemons+=($!)
    daemon_names+=("$1")
    log "started $1 (pid $!)"
}

# --- munge: a fresh key and a private socket ---------------------------------------------------
(umask 077 && dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 status=none)
chmod 0400 "$work/munge.key"
start_daemon munged munged --foreground --socket="$work/munge.socket" --key-file="$work/munge.key" \
    --pid-file="$work/munged.pid" --seed-file="$work/munged.seed"  # logs to stderr in the foreground
munge_ok() { munge -S "$work/munge.socket" -n 2>/dev/null | unmunge -S "$work/munge.socket" > /dev/null 2>&1; }
wait_until 20 "munged to answer" munge_ok

# --- slurmctld and slurmd: one node, this host, on 127.0.0.1 ----------------------------------
node=$(uname -n)
node=${node%%.*}  # the short host name, as slurmd takes it
ctld_port=$(free_port)
slurmd_port=$(free_port "$ctld_port")
mkdir -p "$work/state" "$work/spool"
cat > "$work/slurm.conf" <<CONF
# A one-node test cluster for plasticore (tests/slurm/test_slurm.sh); everything in $work.
ClusterName=plasticoretest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
MailProg=/bin/true
# No cgroups, no accounting: nothing a container may lack.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
# Several one-CPU tasks share the node; the scheduler runs on every submission and completion.
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
start_daemon slurmctld slurmctld -D -f "$SLURM_CONF"
start_daemon slurmd slurmd -D -f "$SLURM_CONF"
node_idle() { [ "$(sinfo --noheader --nodes="$node" --format=%T 2>/dev/null)" = idle ]; }
wait_until 60 "node $node to be idle" node_idle
log "cluster up: node $node idle, slurmctld on port $ctld_port, slurmd on port $slurmd_port"

queue_empty() { [ -z "$(squeue --noheader --format=%i 2>/dev/null)" ] && squeue --noheader > /dev/null 2>&1; }
show_jobs() {  # the jobs slurmctld still remembers: id, array task, name, state, exit code
    scontrol --oneliner show job 2>/dev/null | awk '{
        for (i = 1; i <= NF; ++i) { split($i, kv, "="); f[kv[1]] = substr($i, length(kv[1]) + 2) }
        task = ("ArrayTaskId" in f) ? "_" f["ArrayTaskId"] : ""
        printf "  job %s%s (id %s) %s: %s, exit %s\n", ("ArrayJobId" in f) ? f["ArrayJobId"] : f["JobId"], task,
               f["JobId"], f["JobName"], f["JobState"], f["ExitCode"]
        delete f }' | sort -n -k2
}

# --- the sweep: 12 points x 2 seeds, 4 shards of 3 points ---------------------------------------------------
cd "$work"
sweep=(sweep "$src/examples/song2000.toml" --set simulation.duration_ms=1000
       --set hardware.weight_bits=4,6,8,10 --set hardware.weight_rounding=floor,nearest,stochastic --seeds 2)
"$bin" "${sweep[@]}" -j 1 --out "$work/local" -q
log "local -j 1 run done: $(($(wc -l < "$work/local/sweep.csv") - 1)) rows"

# Round 1: queue the jobs while the partition is down, lose task 2, make task 3 fail, then let
# the rest run.
scontrol update PartitionName=test State=DOWN
mkdir -p "$work/cluster/shards"
echo "not a directory" > "$work/cluster/shards/3"
round1=$("$bin" "${sweep[@]}" --slurm 4 --sbatch=--time=00:05:00 --out "$work/cluster")
echo "$round1"
array1=$(sed -n 's/^submitted array job \([0-9]*\) .*/\1/p' <<< "$round1")
merge1=$(sed -n 's/.* merge job \([0-9]*\) after it$/\1/p' <<< "$round1")
check "round 1 submits an array job and a merge job" test -n "$array1" -a -n "$merge1"
check "round 1 array holds shards 1-4" grep -qx '#SBATCH --array=1-4' "$work/cluster/slurm/sweep.sbatch"
check "--sbatch options reach the script" grep -qx '#SBATCH --time=00:05:00' "$work/cluster/slurm/sweep.sbatch"
check "the merge job waits for the array" bash -c "scontrol show job $merge1 | grep -q 'Dependency=afterany:${array1}_'"
if "$bin" "${sweep[@]}" --slurm 4 --sbatch=--time=00:05:00 --out "$work/cluster" > "$work/refused.txt" 2>&1; then
    check "resubmitting while the jobs are queued is refused" false
else
    check "resubmitting while the jobs are queued is refused" grep -q "still queued or running" "$work/refused.txt"
fi
scancel "${array1}_2"
scontrol update PartitionName=test State=UP
log "cancelled array task ${array1}_2; partition up"
wait_until 180 "round 1 jobs to end" queue_empty
show_jobs
check "cancelled shard 2 left no directory" test ! -e "$work/cluster/shards/2"
check "task 3 failed with exit status 4 (output not writable)" bash -c "scontrol --oneliner show job ${array1}_3 | grep -q 'JobState=FAILED .*ExitCode=4:0'"
check "task 3 logged why" grep -q "plasticore: error: .*shards/3" "$work/cluster/slurm/logs/shard-3-job-$array1.out"
check "shards 1 and 4 ran" test -s "$work/cluster/shards/1/sweep.csv" -a -s "$work/cluster/shards/4/sweep.csv"
check "no merged result after lost tasks" test ! -e "$work/cluster/sweep.csv"
merge_log1="$work/cluster/slurm/logs/merge-job-$merge1.out"
check "the merge job names the missing points" grep -q "12 of 24 points are missing" "$merge_log1"
check "the merge job says how to resubmit" grep -q -- "--slurm 4 --sbatch=--time=00:05:00 --out" "$merge_log1"
# The broken directory is repaired, and shard 4 loses a run (point 7, seed 1): lost half-way.
rm "$work/cluster/shards/3"
rm "$work/cluster/shards/4/points/p000007-k1.json"

# Round 2: the same command resubmits the incomplete shards only.
round2=$("$bin" "${sweep[@]}" --slurm 4 --sbatch=--time=00:05:00 --out "$work/cluster")
echo "$round2"
merge2=$(sed -n 's/.* merge job \([0-9]*\) after it$/\1/p' <<< "$round2")
check "round 2 resubmits shards 2-4 only (13 runs)" grep -q "(shards 2-4 of 4, 13 runs)" <<< "$round2"
check "round 2 array holds shards 2-4" grep -qx '#SBATCH --array=2-4' "$work/cluster/slurm/sweep.sbatch"
wait_until 180 "round 2 jobs to end" queue_empty
show_jobs
count_logs() { find "$work/cluster/slurm/logs" -name "shard-$1-job-*.out" | wc -l; }
array2=$(sed -n 's/^submitted array job \([0-9]*\) .*/\1/p' <<< "$round2")
check "shard 1 ran once (round 1)" test "$(count_logs 1)" -eq 1
check "shard 2 ran once (round 2)" test "$(count_logs 2)" -eq 1
check "shard 3 ran twice" test "$(count_logs 3)" -eq 2
check "shard 4 ran twice" test "$(count_logs 4)" -eq 2
check "shard 4 resumed: 5 runs kept, 1 run again" grep -q "5 done before, 1 run now" \
    "$work/cluster/slurm/logs/shard-4-job-$array2.out"
check "the round 2 merge job merged" grep -q "merged 4 directories" "$work/cluster/slurm/logs/merge-job-$merge2.out"
for f in sweep.csv sweep_summary.csv sweep.json; do
    check "Slurm $f equals the local -j 1 run byte for byte" cmp "$work/local/$f" "$work/cluster/$f"
done

# Round 3: nothing left to do.
round3=$("$bin" "${sweep[@]}" --slurm 4 --sbatch=--time=00:05:00 --out "$work/cluster")
echo "$round3"
check "round 3 submits nothing" grep -q "all 4 shards are complete, nothing to submit" <<< "$round3"
check "round 3 left the queue empty" queue_empty

log "$fails failed"
exit $((fails > 0))
