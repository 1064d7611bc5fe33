#pragma once
// Synapse delivery on several threads with results that cannot depend on the thread count
// (docs/network.md, "Threads"). The projections are shared out by post population: every
// projection into one population goes to the same thread, which handles its projections in
// index order. Each input array (a population's currents or input slots) then has exactly one
// writer and every sum is formed in the same order as on one thread, so the results are
// byte-identical for any thread count. Only the layer decides what may run in parallel: a
// projection whose rule has state shared with others must not be given to a team of more than one.

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <numeric>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace plasticore::schedule {

class projection_team {
public:
    // post_population[k], synapses[k]: projection k's post population and size; threads >= 1
    // (more threads than populations are not started).
    projection_team(unsigned threads, const std::vector<std::uint32_t>& post_population,
                    const std::vector<std::size_t>& synapses) {
        std::uint32_t n_pop = 0;
        for (std::uint32_t p: post_population) n_pop = std::max(n_pop, p + 1);
        const unsigned n = std::max(1u, std::min<unsigned>(threads, std::max(1u, n_pop)));
        // Populations by their synapses, largest first, each to the least loaded thread.
        std::vector<double> load_of_population(n_pop, 0.0);
        for (std::size_t k = 0; k < post_population.size(); ++k)
            load_of_population[post_population[k]] += static_cast<double>(synapses[k]);
        std::vector<std::uint32_t> order(n_pop);
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return load_of_population[a] > load_of_population[b];
        });
        std::vector<double> load(n, 0.0);
        std::vector<unsigned> thread_of(n_pop, 0);
        for (std::uint32_t p: order) {
            const auto t = static_cast<unsigned>(std::min_element(load.begin(), load.end()) - load.begin());
            thread_of[p] = t;
            load[t] += load_of_population[p];
        }
        share_.resize(n);
        for (std::size_t k = 0; k < post_population.size(); ++k) share_[thread_of[post_population[k]]].push_back(k);
        for (unsigned t = 1; t < n; ++t) workers_.emplace_back([this, t] { work(t); });
    }
    projection_team(const projection_team&) = delete;
    projection_team& operator=(const projection_team&) = delete;
    ~projection_team() {
        {
            std::lock_guard<std::mutex> lock(m_);
            stop_ = true;
        }
        start_.notify_all();
        for (auto& w: workers_) w.join();
    }

    unsigned threads() const { return static_cast<unsigned>(share_.size()); }

    // f(k) for every projection k; returns when all are done (rethrows a worker's exception).
    template <class F>
    void for_each(F&& f) {
        if (workers_.empty()) {
            for (std::size_t k: share_[0]) f(k);
            return;
        }
        {
            std::lock_guard<std::mutex> lock(m_);
            task_ = &f;
            call_ = [](void* fn, std::size_t k) { (*static_cast<std::remove_reference_t<F>*>(fn))(k); };
            pending_ = static_cast<unsigned>(workers_.size());
            ++generation_;
        }
        start_.notify_all();
        std::exception_ptr mine;
        try {
            for (std::size_t k: share_[0]) f(k);
        }
        catch (...) {
            mine = std::current_exception();
        }
        std::unique_lock<std::mutex> lock(m_);
        done_.wait(lock, [&] { return pending_ == 0; });
        if (mine) std::rethrow_exception(mine);
        if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
    }

private:
    void work(unsigned t) {
        std::uint64_t seen = 0;
        for (;;) {
            std::unique_lock<std::mutex> lock(m_);
            start_.wait(lock, [&] { return stop_ || generation_ != seen; });
            if (stop_) return;
            seen = generation_;
            void* task = task_;
            void (*call)(void*, std::size_t) = call_;
            lock.unlock();
            std::exception_ptr failed;
            try {
                for (std::size_t k: share_[t]) call(task, k);
            }
            catch (...) {
                failed = std::current_exception();
            }
            lock.lock();
            if (failed && !error_) error_ = failed;
            if (--pending_ == 0) done_.notify_one();
        }
    }

    std::vector<std::vector<std::size_t>> share_;  // per thread: its projections, ascending
    std::vector<std::thread> workers_;             // threads 1..n-1; the caller is thread 0
    std::mutex m_;
    std::condition_variable start_, done_;
    std::uint64_t generation_ = 0;
    unsigned pending_ = 0;
    bool stop_ = false;
    void* task_ = nullptr;
    void (*call_)(void*, std::size_t) = nullptr;
    std::exception_ptr error_;
};

}  // namespace plasticore::schedule
