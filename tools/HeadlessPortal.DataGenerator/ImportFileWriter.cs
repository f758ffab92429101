using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Bogus;

namespace HeadlessPortal.DataGenerator;

internal sealed record GeneratedCounts(long Lines, long Customers, long Locations, long Jobs, long Appointments, long Invoices);

/// <summary>
/// Streams the import file customer by customer: the customer, its locations, then each of its jobs with the job's
/// appointment and invoice, so every reference points at an earlier line and nothing is held in memory. Jobs and
/// invoices are spread evenly over the customers; an invoice beyond the customer's jobs bills the customer alone.
/// </summary>
internal static class ImportFileWriter
{
    private const string Currency = "usd";

    private static readonly DateTimeOffset FirstDay = new(2024, 1, 2, 0, 0, 0, TimeSpan.FromHours(-5));
    private static readonly string[] Trades = ["AC repair", "Furnace tune-up", "Water heater replacement", "Drain cleaning", "Panel upgrade", "Duct cleaning", "Thermostat install", "Leak repair"];
    private static readonly string[] LineItems = ["Labor (hour)", "Service call", "Capacitor", "Filter 16x25x1", "Refrigerant R-410A (lb)", "Thermostat", "PVC fittings", "Breaker 20A", "Disposal fee"];
    private static readonly string[] PaymentMethods = ["card", "check", "cash", "ach"];
    private static readonly string[] LocationNames = ["Main house", "Rental", "Cabin", "Garage apartment"];
    private static readonly decimal[] Quantities = [1m, 1m, 1m, 2m, 3m, 0.5m, 1.5m, 2.25m];

    public static async Task<GeneratedCounts> WriteAsync(GeneratorOptions options, CancellationToken ct)
    {
        await using var output = options.Output == "-"
            ? Console.OpenStandardOutput()
            : new FileStream(options.Output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var line = new ArrayBufferWriter<byte>(16 * 1024);
        await using var json = new Utf8JsonWriter(line, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var faker = new Faker("en") { Random = new Randomizer(options.Seed) };
        var n = new Counter();

        async ValueTask EndLineAsync()
        {
            json.Flush();
            line.Write("\n"u8);
            await output.WriteAsync(line.WrittenMemory, ct);
            line.ResetWrittenCount();
            json.Reset(line);
            n.Lines++;
        }

        for (long c = 0; c < options.Customers; c++)
        {
            var customerId = $"cus-{c + 1:D7}";
            var locationIds = new List<string>(2);
            WriteCustomer(json, faker, customerId);
            n.Customers++;
            await EndLineAsync();

            var locationCount = faker.Random.Int(1, 100) <= options.SecondLocationPercent ? 2 : 1;
            for (var l = 1; l <= locationCount; l++)
            {
                locationIds.Add($"{customerId}-loc-{l}");
                WriteLocation(json, faker, locationIds[^1], customerId, l);
                n.Locations++;
                await EndLineAsync();
            }

            // Even shares: customer c gets the items [c * total / customers, (c + 1) * total / customers).
            var jobCount = Share(options.Jobs, c, options.Customers);
            var invoiceCount = Share(options.Invoices, c, options.Customers);
            for (var k = 0; k < Math.Max(jobCount, invoiceCount); k++)
            {
                var day = faker.Random.Int(0, 700);
                string? jobId = null;
                var locationId = faker.PickRandom(locationIds);
                if (k < jobCount)
                {
                    n.Jobs++;
                    jobId = $"job-{n.Jobs:D8}";
                    WriteJob(json, faker, jobId, n.Jobs, customerId, locationId);
                    await EndLineAsync();
                    WriteAppointment(json, faker, $"apt-{n.Jobs:D8}", jobId, day);
                    n.Appointments++;
                    await EndLineAsync();
                }

                if (k < invoiceCount)
                {
                    n.Invoices++;
                    WriteInvoice(json, faker, $"inv-{n.Invoices:D8}", n.Invoices, customerId, jobId, locationId, day);
                    await EndLineAsync();
                }
            }
        }

        await output.FlushAsync(ct);
        return new GeneratedCounts(n.Lines, n.Customers, n.Locations, n.Jobs, n.Appointments, n.Invoices);
    }

    private static long Share(int total, long index, int parts) => ((index + 1) * total / parts) - (index * total / parts);

    private static void Start(Utf8JsonWriter json, string type, string externalId)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("externalId", externalId);
        json.WriteStartObject("data");
    }

    private static void End(Utf8JsonWriter json)
    {
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteCustomer(Utf8JsonWriter json, Faker faker, string externalId)
    {
        var commercial = faker.Random.Int(1, 10) == 1;
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        Start(json, "customer", externalId);
        json.WriteString("kind", commercial ? "commercial" : "residential");
        json.WriteString("name", commercial ? faker.Company.CompanyName() : $"{first} {last}");
        json.WriteStartArray("emails");
        json.WriteStringValue(faker.Internet.Email(first, last, "example.com", externalId[4..]).ToLowerInvariant());
        json.WriteEndArray();
        json.WriteStartArray("phones");
        json.WriteStartObject();
        json.WriteString("number", $"+1{faker.Random.Long(2_002_000_000, 9_899_999_999)}");
        json.WriteString("label", commercial ? "office" : "mobile");
        json.WriteBoolean("smsOptOut", faker.Random.Int(1, 20) == 1);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WritePropertyName("billingAddress");
        WriteAddress(json, faker);
        End(json);
    }

    private static void WriteLocation(Utf8JsonWriter json, Faker faker, string externalId, string customerId, int ordinal)
    {
        Start(json, "location", externalId);
        json.WriteString("customerId", customerId);
        json.WriteString("name", LocationNames[(ordinal - 1) % LocationNames.Length]);
        json.WritePropertyName("address");
        WriteAddress(json, faker);
        End(json);
    }

    private static void WriteAddress(Utf8JsonWriter json, Faker faker)
    {
        json.WriteStartObject();
        json.WriteString("line1", faker.Address.StreetAddress());
        if (faker.Random.Int(1, 5) == 1)
        {
            json.WriteString("line2", faker.Address.SecondaryAddress());
        }

        json.WriteString("city", faker.Address.City());
        json.WriteString("region", faker.Address.StateAbbr());
        json.WriteString("postalCode", faker.Address.ZipCode("#####"));
        json.WriteString("country", "US");
        json.WriteEndObject();
    }

    private static void WriteJob(Utf8JsonWriter json, Faker faker, string externalId, long number, string customerId, string locationId)
    {
        Start(json, "job", externalId);
        json.WriteString("number", $"J{number:D8}");
        json.WriteString("customerId", customerId);
        json.WriteString("locationId", locationId);
        json.WriteString("summary", faker.PickRandom(Trades));
        if (faker.Random.Int(1, 4) == 1)
        {
            json.WriteString("internalNotes", faker.Lorem.Sentence(6));
        }

        End(json);
    }

    private static void WriteAppointment(Utf8JsonWriter json, Faker faker, string externalId, string jobId, int day)
    {
        var windowStart = FirstDay.AddDays(day).AddHours(faker.Random.Int(7, 15));
        var start = windowStart.AddMinutes(faker.Random.Int(0, 120));
        Start(json, "appointment", externalId);
        json.WriteString("jobId", jobId);
        json.WriteString("start", start);
        json.WriteString("end", start.AddMinutes(faker.Random.Int(1, 8) * 30));
        json.WriteString("arrivalWindowStart", windowStart);
        json.WriteString("arrivalWindowEnd", windowStart.AddHours(2));
        json.WriteString("status", day < 650 ? "completed" : "scheduled");
        json.WriteStartArray("technicianIds");
        json.WriteEndArray();
        End(json);
    }

    private static void WriteInvoice(Utf8JsonWriter json, Faker faker, string externalId, long number, string customerId, string? jobId, string locationId, int day)
    {
        var issued = DateOnly.FromDateTime(FirstDay.AddDays(day).Date);
        Start(json, "invoice", externalId);
        json.WriteString("number", $"INV{number:D8}");
        json.WriteString("billToCustomerId", customerId);
        if (jobId is not null)
        {
            json.WriteString("jobId", jobId);
        }

        json.WriteString("locationId", locationId);
        json.WriteString("issueDate", issued.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("dueDate", issued.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var subtotal = 0L;
        json.WriteStartArray("lines");
        for (var i = faker.Random.Int(1, 4); i > 0; i--)
        {
            var quantity = faker.PickRandom(Quantities);
            var unitPrice = faker.Random.Long(500, 45_000);
            var amount = (long)decimal.Round(quantity * unitPrice, MidpointRounding.AwayFromZero);
            subtotal += amount;
            json.WriteStartObject();
            json.WriteString("description", faker.PickRandom(LineItems));
            json.WriteNumber("quantity", quantity);
            WriteMoney(json, "unitPrice", unitPrice);
            WriteMoney(json, "amount", amount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        var tax = subtotal * faker.Random.Int(0, 9) / 100;
        var total = subtotal + tax;

        // Roughly half paid, a quarter partly paid, a quarter unpaid.
        var paid = faker.Random.Int(1, 4) switch
        {
            1 or 2 => total,
            3 => total / faker.Random.Int(2, 5),
            _ => 0,
        };
        WriteMoney(json, "subtotal", subtotal);
        WriteMoney(json, "tax", tax);
        WriteMoney(json, "total", total);
        WriteMoney(json, "balance", total - paid);
        json.WriteString("summary", faker.PickRandom(Trades));
        json.WriteStartArray("payments");
        if (paid > 0)
        {
            json.WriteStartObject();
            json.WriteString("reference", $"R{number:D8}");
            WriteMoney(json, "amount", paid);
            json.WriteString("paidAt", FirstDay.AddDays(day + faker.Random.Int(0, 30)).AddHours(12));
            json.WriteString("method", faker.PickRandom(PaymentMethods));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        End(json);
    }

    private static void WriteMoney(Utf8JsonWriter json, string name, long amount)
    {
        json.WriteStartObject(name);
        json.WriteNumber("amount", amount);
        json.WriteString("currency", Currency);
        json.WriteEndObject();
    }

    private sealed class Counter
    {
        public long Lines { get; set; }

        public long Customers { get; set; }

        public long Locations { get; set; }

        public long Jobs { get; set; }

        public long Appointments { get; set; }

        public long Invoices { get; set; }
    }
}
