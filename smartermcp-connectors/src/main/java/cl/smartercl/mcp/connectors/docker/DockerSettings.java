package cl.smartercl.mcp.connectors.docker;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of the Docker tools: how long requests may take, how far a followed log
 * stream may go, how a deploy waits for the new container, and how the own metrics
 * sampler samples.
 *
 * @param requestTimeout answer time of one ordinary Engine API request
 * @param stopTimeout how long a stop or restart lets a container exit before it is killed
 * (the engine's {@code t} parameter)
 * @param pullTimeout the whole of one image pull
 * @param followMaxDuration a followed log stream ends after this long
 * @param followMaxLines a followed log stream ends after this many lines beyond the last
 * N asked for
 * @param deployStableFor how long a new container must stay running (and healthy, when it
 * has a health check or a probe) before a deploy removes the old one
 * @param deployHealthTimeout how long a deploy waits for a new container to become
 * healthy
 * @param samplerInterval how often the own sampler reads the stats of running containers
 * @param samplerCapacity how many samples the own sampler keeps (older ones are dropped)
 */
public record DockerSettings(Duration requestTimeout, Duration stopTimeout, Duration pullTimeout,
		Duration followMaxDuration, int followMaxLines, Duration deployStableFor, Duration deployHealthTimeout,
		Duration samplerInterval, int samplerCapacity) {

	/**
	 * 30 s requests, 10 s stops, 10 min pulls, follow 60 s or 1000 lines, 15 s samples
	 * for 24 h.
	 */
	public static final DockerSettings DEFAULTS = new DockerSettings(Duration.ofSeconds(30), Duration.ofSeconds(10),
			Duration.ofMinutes(10), Duration.ofSeconds(60), 1000, Duration.ofSeconds(5), Duration.ofSeconds(60),
			Duration.ofSeconds(15), 5760);

	public DockerSettings {
		positive(requestTimeout, "requestTimeout");
		Objects.requireNonNull(stopTimeout, "stopTimeout");
		positive(pullTimeout, "pullTimeout");
		positive(followMaxDuration, "followMaxDuration");
		positive(deployHealthTimeout, "deployHealthTimeout");
		Objects.requireNonNull(deployStableFor, "deployStableFor");
		positive(samplerInterval, "samplerInterval");
		if (followMaxLines < 1 || samplerCapacity < 2) {
			throw new IllegalArgumentException("followMaxLines must be >= 1 and samplerCapacity >= 2");
		}
	}

	private static void positive(Duration d, String name) {
		if (d == null || d.isNegative() || d.isZero()) {
			throw new IllegalArgumentException(name + " must be a positive duration");
		}
	}

	public DockerSettings withFollow(Duration maxDuration, int maxLines) {
		return new DockerSettings(this.requestTimeout, this.stopTimeout, this.pullTimeout, maxDuration, maxLines,
				this.deployStableFor, this.deployHealthTimeout, this.samplerInterval, this.samplerCapacity);
	}

	public DockerSettings withStop(Duration stop) {
		return new DockerSettings(this.requestTimeout, stop, this.pullTimeout, this.followMaxDuration,
				this.followMaxLines, this.deployStableFor, this.deployHealthTimeout, this.samplerInterval,
				this.samplerCapacity);
	}

	public DockerSettings withDeploy(Duration stableFor, Duration healthTimeout) {
		return new DockerSettings(this.requestTimeout, this.stopTimeout, this.pullTimeout, this.followMaxDuration,
				this.followMaxLines, stableFor, healthTimeout, this.samplerInterval, this.samplerCapacity);
	}

	public DockerSettings withSampler(Duration interval, int capacity) {
		return new DockerSettings(this.requestTimeout, this.stopTimeout, this.pullTimeout, this.followMaxDuration,
				this.followMaxLines, this.deployStableFor, this.deployHealthTimeout, interval, capacity);
	}

}
