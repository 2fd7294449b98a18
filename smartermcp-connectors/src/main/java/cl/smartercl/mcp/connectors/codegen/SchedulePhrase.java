package cl.smartercl.mcp.connectors.codegen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schedules in words → an n8n Schedule Trigger: "every 15 minutes", "hourly", "daily at
 * 2am", "weekdays at 9", "every monday at 8:30", "monthly on the 1st at 6am", "at noon".
 * Intervals use the trigger's own interval rules; calendar times a cron expression
 * (minute hour day-of-month month day-of-week), which the trigger reads in the workflow's
 * timezone.
 *
 * @param label what it says, e.g. {@code Weekdays at 09:00}
 * @param spec the trigger node
 * @param spans the parts of the text it understood, as [start, end) pairs
 * @param notes assumptions made (a missing time)
 */
record SchedulePhrase(String label, N8nNodes.Spec spec, List<int[]> spans, List<String> notes) {

	private static final String DAY_NAMES = "(?:mon|tues|wednes|thurs|fri|satur|sun)day";

	private static final Pattern INTERVAL = Pattern.compile(
			"\\bevery\\s+(\\d{1,3}|a|one|two|three|five|ten|fifteen|twenty|thirty)\\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?)\\b");

	private static final Pattern SIMPLE_INTERVAL = Pattern
		.compile("\\b(hourly|every hour|every minute|every half(?: an)? hour)\\b");

	private static final Pattern WEEKDAYS = Pattern.compile(
			"\\b(?:on\\s+)?(?:every\\s+)?(?:weekdays?|business days?|working days?|monday\\s*(?:to|through|-)\\s*friday|mon\\s*-\\s*fri)\\b");

	private static final Pattern WEEKENDS = Pattern.compile("\\b(?:on\\s+)?(?:every\\s+)?weekends?\\b");

	private static final Pattern NAMED_DAYS = Pattern
		.compile("\\b(?:on\\s+|every\\s+)?(" + DAY_NAMES + "s?(?:\\s*(?:,|and|&)\\s*" + DAY_NAMES + "s?)*)\\b");

	private static final Pattern DAILY = Pattern.compile(
			"\\b(daily|every day|each day|nightly|every night|each night|every morning|each morning|every evening)\\b");

	private static final Pattern WEEKLY = Pattern.compile("\\b(weekly|every week|once a week)\\b");

	private static final Pattern MONTHLY = Pattern.compile("\\b(monthly|every month|once a month)\\b");

	private static final Pattern DAY_OF_MONTH = Pattern.compile("\\bon the (\\d{1,2})(?:st|nd|rd|th)\\b");

	private static final Pattern TIME = Pattern.compile(
			"\\b(?:at\\s+(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?|(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)|at\\s+(noon|midnight|midday))(?![\\d:])");

	static Optional<SchedulePhrase> find(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		Matcher interval = INTERVAL.matcher(lower);
		if (interval.find()) {
			return interval(number(interval.group(1)), interval.group(2), interval.start(), interval.end());
		}
		Matcher simple = SIMPLE_INTERVAL.matcher(lower);
		if (simple.find()) {
			String what = simple.group(1);
			int n = what.contains("half") ? 30 : 1;
			return interval(n, what.contains("hour") && n == 1 ? "hours" : "minutes", simple.start(), simple.end());
		}
		List<int[]> spans = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		String dayOfWeek = "*";
		String dayOfMonth = "*";
		String days = null;
		Matcher m;
		if ((m = WEEKDAYS.matcher(lower)).find()) {
			dayOfWeek = "1-5";
			days = "Weekdays";
			spans.add(new int[] { m.start(), m.end() });
		}
		else if ((m = WEEKENDS.matcher(lower)).find()) {
			dayOfWeek = "0,6";
			days = "Weekends";
			spans.add(new int[] { m.start(), m.end() });
		}
		else if ((m = NAMED_DAYS.matcher(lower)).find()) {
			Set<Integer> numbers = new LinkedHashSet<>();
			Matcher day = Pattern.compile(DAY_NAMES).matcher(m.group(1));
			while (day.find()) {
				numbers.add(dayNumber(day.group()));
			}
			dayOfWeek = String.join(",", numbers.stream().map(String::valueOf).toList());
			days = capitalize(m.group(1).replaceAll("\\s+", " "));
			spans.add(new int[] { m.start(), m.end() });
		}
		else if ((m = MONTHLY.matcher(lower)).find()) {
			spans.add(new int[] { m.start(), m.end() });
			Matcher dom = DAY_OF_MONTH.matcher(lower);
			int day = 1;
			if (dom.find() && Integer.parseInt(dom.group(1)) >= 1 && Integer.parseInt(dom.group(1)) <= 31) {
				day = Integer.parseInt(dom.group(1));
				spans.add(new int[] { dom.start(), dom.end() });
			}
			else {
				notes.add("Monthly without a day: runs on the 1st.");
			}
			dayOfMonth = Integer.toString(day);
			days = "Monthly on day " + day;
		}
		else if ((m = WEEKLY.matcher(lower)).find()) {
			dayOfWeek = "1";
			days = "Weekly on Mondays";
			notes.add("Weekly without a day: runs on Mondays.");
			spans.add(new int[] { m.start(), m.end() });
		}
		else if ((m = DAILY.matcher(lower)).find()) {
			days = "Daily";
			spans.add(new int[] { m.start(), m.end() });
		}
		Matcher time = TIME.matcher(lower);
		int hour = 0;
		int minute = 0;
		boolean timed = false;
		while (time.find()) {
			int[] hm = time(time);
			// a bare "at 5" is a time only next to a day phrase ("weekdays at 9"), not in
			// "at 5 shops"
			boolean explicit = time.group(3) != null || time.group(2) != null || time.group(1) == null;
			if (hm != null && (days != null || explicit)) {
				hour = hm[0];
				minute = hm[1];
				timed = true;
				spans.add(new int[] { time.start(), time.end() });
				break;
			}
		}
		if (days == null && !timed) {
			return Optional.empty();
		}
		if (days == null) {
			days = "Daily";
		}
		if (!timed) {
			notes.add(days + " without a time: runs at midnight.");
		}
		String cron = minute + " " + hour + " " + dayOfMonth + " * " + dayOfWeek;
		String label = days + " at " + String.format("%02d:%02d", hour, minute);
		return Optional.of(new SchedulePhrase(label, N8nNodes.schedule("cronExpression", 0, cron), spans, notes));
	}

	/**
	 * Every n units; n8n's interval rules take 1–59 minutes and 1–23 hours, larger ones
	 * move up a unit.
	 */
	private static Optional<SchedulePhrase> interval(int n, String unit, int start, int end) {
		String field = unit.startsWith("s") ? "seconds"
				: unit.startsWith("m") ? "minutes" : unit.startsWith("h") ? "hours" : "days";
		if ("minutes".equals(field) && n >= 60 && n % 60 == 0) {
			return interval(n / 60, "hours", start, end);
		}
		if ("hours".equals(field) && n >= 24 && n % 24 == 0) {
			return interval(n / 24, "days", start, end);
		}
		int max = switch (field) {
			case "seconds", "minutes" -> 59;
			case "hours" -> 23;
			default -> 31;
		};
		if (n < 1 || n > max) {
			return Optional.empty();
		}
		List<int[]> spans = List.<int[]>of(new int[] { start, end });
		String label = (n == 1) ? "Every " + field.substring(0, field.length() - 1) : "Every " + n + " " + field;
		if ("days".equals(field)) {
			return Optional.of(new SchedulePhrase(label, N8nNodes.schedule("cronExpression", 0, "0 0 */" + n + " * *"),
					spans, List.of(label + ": runs at midnight.")));
		}
		return Optional.of(new SchedulePhrase(label, N8nNodes.schedule(field, n, null), spans, List.of()));
	}

	/** [hour, minute] of a time phrase, or null when it is not a time (e.g. "at 35"). */
	private static int[] time(Matcher time) {
		if (time.group(7) != null) {
			return new int[] { time.group(7).equals("midnight") ? 0 : 12, 0 };
		}
		boolean at = time.group(1) != null;
		int hour = Integer.parseInt(at ? time.group(1) : time.group(4));
		String minutes = at ? time.group(2) : time.group(5);
		String half = at ? time.group(3) : time.group(6);
		int minute = (minutes == null) ? 0 : Integer.parseInt(minutes);
		if (half != null) {
			if (hour < 1 || hour > 12) {
				return null;
			}
			boolean pm = half.startsWith("p");
			hour = (hour % 12) + (pm ? 12 : 0);
		}
		return (hour > 23 || minute > 59) ? null : new int[] { hour, minute };
	}

	private static int number(String word) {
		return switch (word) {
			case "a", "one" -> 1;
			case "two" -> 2;
			case "three" -> 3;
			case "five" -> 5;
			case "ten" -> 10;
			case "fifteen" -> 15;
			case "twenty" -> 20;
			case "thirty" -> 30;
			default -> Integer.parseInt(word);
		};
	}

	private static int dayNumber(String day) {
		return switch (day.substring(0, 3)) {
			case "mon" -> 1;
			case "tue" -> 2;
			case "wed" -> 3;
			case "thu" -> 4;
			case "fri" -> 5;
			case "sat" -> 6;
			default -> 0;
		};
	}

	private static String capitalize(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
