package io.github.dualcache.soak;

import java.util.concurrent.locks.LockSupport;

/**
 * The faults of the soak's schedule, one per round, in turn. Each injects itself on the calling
 * thread and leaves every server up and thawed; one that kills global servers returns what was
 * lost and when, which the round's checks must be told about.
 */
enum SoakFault {
  /** One global server killed ({@code kill -9}) and restarted empty 3 s later. */
  GLOBAL_KILL_RESTART("kill -9 of one global server, restarted empty after 3 s") {
    @Override
    Loss inject(SoakServers servers, int target) {
      return killAndRestart(servers, target, 3_000);
    }
  },
  /** One global server frozen ({@code kill -STOP}) for 3 s. */
  GLOBAL_FREEZE("one global server frozen (SIGSTOP) for 3 s") {
    @Override
    Loss inject(SoakServers servers, int target) {
      servers.global(target).freeze();
      sleepMillis(3_000);
      servers.global(target).thaw();
      return null;
    }
  },
  /** One global server frozen and thawed 8 times: 300 ms frozen, 700 ms running. */
  FLAPPING("one global server flapping: 8 x (300 ms frozen, 700 ms running)") {
    @Override
    Loss inject(SoakServers servers, int target) {
      for (int i = 0; i < 8; i++) {
        servers.global(target).freeze();
        sleepMillis(300);
        servers.global(target).thaw();
        sleepMillis(700);
      }
      return null;
    }
  },
  /** The local memcached killed and restarted empty 3 s later. */
  LOCAL_KILL("kill -9 of the local memcached, restarted empty after 3 s") {
    @Override
    Loss inject(SoakServers servers, int target) {
      servers.killLocal();
      sleepMillis(3_000);
      servers.restartLocal();
      return null;
    }
  },
  /** One global server of three down for 10 s, then back, empty. */
  ONE_OF_THREE_DOWN("one global server of three down for 10 s, then back empty") {
    @Override
    Loss inject(SoakServers servers, int target) {
      return killAndRestart(servers, target, 10_000);
    }
  },
  /** Every global server killed and restarted empty 2 s later. */
  ALL_GLOBALS_KILLED("kill -9 of all three global servers, restarted empty after 2 s") {
    @Override
    Loss inject(SoakServers servers, int target) {
      long killed = System.nanoTime();
      for (int i = 0; i < SoakServers.GLOBALS; i++) {
        servers.killGlobal(i);
      }
      sleepMillis(2_000);
      for (int i = 0; i < SoakServers.GLOBALS; i++) {
        servers.restartGlobal(i);
      }
      return new Loss(Loss.ALL, killed, System.nanoTime());
    }
  };

  /** What a kill lost: one global server's data ({@code server} its index) or all ({@link #ALL}), and when. */
  record Loss(int server, long killedNanos, long restartedNanos) {
    static final int ALL = -1;
  }

  private final String description;

  SoakFault(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /** Injects the fault on global server {@code target} (where it applies); returns the data lost, or null. */
  abstract Loss inject(SoakServers servers, int target);

  private static Loss killAndRestart(SoakServers servers, int target, long downMillis) {
    long killed = System.nanoTime();
    servers.killGlobal(target);
    sleepMillis(downMillis);
    servers.restartGlobal(target);
    return new Loss(target, killed, System.nanoTime());
  }

  static void sleepMillis(long millis) {
    LockSupport.parkNanos(millis * 1_000_000);
  }
}
