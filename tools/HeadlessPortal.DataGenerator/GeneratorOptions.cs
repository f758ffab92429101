using System.Globalization;

namespace HeadlessPortal.DataGenerator;

/// <summary>What to generate. Jobs default to the invoice count (one invoice per job), each job with one appointment.</summary>
internal sealed record GeneratorOptions(int Customers, int Jobs, int Invoices, int SecondLocationPercent, int Seed, string Output)
{
    public const string Usage =
        "usage: HeadlessPortal.DataGenerator [--customers 200000] [--jobs N (default: --invoices)] [--invoices 1000000]\n" +
        "                                    [--second-location-percent 20] [--seed 20261121] [--out /tmp/large.ndjson | -]";

    public static bool TryParse(string[] args, out GeneratorOptions options, out string problem)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        options = null!;
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                problem = $"unexpected argument \"{args[i]}\"";
                return false;
            }

            values[args[i][2..]] = args[++i];
        }

        var unknown = values.Keys.Except(["customers", "jobs", "invoices", "second-location-percent", "seed", "out"]).FirstOrDefault();
        if (unknown is not null)
        {
            problem = $"unknown option --{unknown}";
            return false;
        }

        if (!TryInt(values, "customers", 200_000, 1, out var customers, out problem)
            || !TryInt(values, "invoices", 1_000_000, 0, out var invoices, out problem)
            || !TryInt(values, "jobs", invoices, 0, out var jobs, out problem)
            || !TryInt(values, "second-location-percent", 20, 0, out var secondLocation, out problem)
            || !TryInt(values, "seed", 20261121, 0, out var seed, out problem))
        {
            return false;
        }

        if (secondLocation > 100)
        {
            problem = "--second-location-percent is 0 to 100";
            return false;
        }

        options = new GeneratorOptions(customers, jobs, invoices, secondLocation, seed, values.GetValueOrDefault("out", "/tmp/large.ndjson"));
        return true;
    }

    private static bool TryInt(Dictionary<string, string> values, string name, int fallback, int min, out int value, out string problem)
    {
        problem = string.Empty;
        if (!values.TryGetValue(name, out var text))
        {
            value = fallback;
            return true;
        }

        if (int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min)
        {
            return true;
        }

        problem = $"--{name} must be a whole number of at least {min}";
        return false;
    }
}
