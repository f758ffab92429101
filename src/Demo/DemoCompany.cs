using HeadlessPortal.Application.Assets;
using HeadlessPortal.Application.Billing;
using HeadlessPortal.Application.Customers;
using HeadlessPortal.Application.Scheduling;
using HeadlessPortal.Application.Sync;
using HeadlessPortal.Application.Work;
using HeadlessPortal.Domain.Assets;
using HeadlessPortal.Domain.Billing;
using HeadlessPortal.Domain.Customers;
using HeadlessPortal.Domain.Portal;
using HeadlessPortal.Domain.Work;

namespace HeadlessPortal.Demo;

/// <summary>One record of the demo company, as the back office would PUT it.</summary>
internal sealed record DemoRecord(string ExternalId, object Document);

/// <summary>
/// The demo company: an HVAC business in and around Springfield, IL, with 50 customers and the work, billing and
/// plans a newcomer expects to click through. Names and amounts are written out, and every date is relative to
/// "now" in the tenant's time zone, so each run gives the same company with jobs in every tab of docs/PRODUCT.md#job-tabs.
/// </summary>
internal sealed class DemoCompany
{
    public const string TimeZoneId = "America/Chicago";

    /// <summary>The job type of pat's demo booking request.</summary>
    public const string AcRepairJobType = "jt-ac-repair";

    /// <summary>The job type of the website visitor's demo booking request.</summary>
    public const string DiagnosticJobType = "jt-diagnostic";
    public const string Residential = "bu-residential";
    public const string Commercial = "bu-commercial";

    /// <summary>Pat's open estimate, which the demo also emails as an estimate link.</summary>
    public const string SentEstimateId = "prop-P-3105";

    private const string Currency = "usd";
    private const decimal PartsTaxRate = 0.0875m;

    private const string Mike = "tech-mike";
    private const string Tasha = "tech-tasha";
    private const string Luis = "tech-luis";
    private const string Ben = "tech-ben";
    private const string Priya = "tech-priya";
    private const string Dwayne = "tech-dwayne";

    private const string AcRepair = AcRepairJobType;
    private const string FurnaceRepair = "jt-furnace-repair";
    private const string TuneUp = "jt-tune-up";
    private const string Replacement = "jt-replacement";
    private const string AirQuality = "jt-air-quality";
    private const string Rooftop = "jt-rooftop";
    private const string Diagnostic = DiagnosticJobType;

    // What customers book themselves (the tune-ups, into free windows) or request (repairs).
    public const string AcTuneUp = "jt-ac-tune-up";
    public const string FurnaceTuneUp = "jt-furnace-tune-up";
    public const string Repair = "jt-repair";

    /// <summary>Slots per arrival window of the demo's schedule.</summary>
    public const int SlotsPerWindow = 3;
    public const int ScheduleDays = 14;

    // Commercial customers, and the landlord whose email is a portal contact on three records.
    private const string WhitfieldProperties = "cust-2001";
    private const string PrairieDental = "cust-2002";
    private const string CapitolBakery = "cust-2003";
    private const string ValleyChurch = "cust-2004";
    private const string RiversideVet = "cust-2005";
    private const string HeritageHardware = "cust-2006";
    private const string Whitfield = "cust-1043";
    private const string Ortiz = "cust-1044";

    private static readonly (string City, string PostalCode)[] Towns =
    [
        ("Springfield", "62701"), ("Springfield", "62702"), ("Chatham", "62629"), ("Springfield", "62704"),
        ("Rochester", "62563"), ("Sherman", "62684"), ("Springfield", "62711"), ("Riverton", "62561"),
    ];

    private static readonly string[] Streets =
    [
        "Maple Ave", "Oak Ridge Dr", "Walnut St", "Bittersweet Ln", "Lincoln Ave", "Prairie View Rd", "Chestnut St",
        "Hazel Dell Rd", "Sunset Dr", "Briarwood Ct", "Iles Ave", "Wiggins Ave", "Outer Park Dr", "Greenbriar Rd",
    ];

    private static readonly string[] EmailDomains = ["example.com", "example.net", "example.org"];

    // The households; a customer is referred to below by last name.
    private static readonly (string First, string Last)[] Households =
    [
        ("Olivia", "Bennett"), ("James", "Carter"), ("Sophia", "Nguyen"), ("Liam", "O'Connor"), ("Emma", "Schultz"),
        ("Noah", "Patel"), ("Ava", "Thompson"), ("Ethan", "Brooks"), ("Isabella", "Romero"), ("Mason", "Kowalski"),
        ("Mia", "Jefferson"), ("Lucas", "Meyer"), ("Harper", "Lindqvist"), ("Elijah", "Washington"), ("Amelia", "Hart"),
        ("Logan", "Fischer"), ("Charlotte", "Dubois"), ("Aiden", "Murphy"), ("Evelyn", "Park"), ("Jackson", "Reed"),
        ("Abigail", "Stone"), ("Henry", "Alvarez"), ("Emily", "Chen"), ("Sebastian", "Novak"), ("Ella", "Brennan"),
        ("Owen", "Gallagher"), ("Scarlett", "Price"), ("Wyatt", "Jensen"), ("Grace", "Holloway"), ("Caleb", "Singh"),
        ("Chloe", "Ramirez"), ("Nathan", "Becker"), ("Zoe", "Armstrong"), ("Isaac", "Coleman"), ("Lily", "Hoffman"),
        ("Gabriel", "Moreno"), ("Hannah", "Wallace"), ("Julian", "Foster"), ("Nora", "Sullivan"), ("Levi", "Graham"),
        ("Ruth", "Kaminski"), ("Theo", "Larsen"),
    ];

    private readonly TimeZoneInfo _zone;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    private readonly Dictionary<string, string> _customerByLastName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _appointmentsPerJob = new(StringComparer.Ordinal);

    // One list per kind of record, in the order references need them: a record only refers to earlier lists.
    private readonly List<DemoRecord> _technicians = [];
    private readonly List<DemoRecord> _jobTypes = [];
    private readonly List<DemoRecord> _customers = [];
    private readonly List<DemoRecord> _locations = [];
    private readonly List<DemoRecord> _contacts = [];
    private readonly List<DemoRecord> _jobs = [];
    private readonly List<DemoRecord> _appointments = [];
    private readonly List<DemoRecord> _invoices = [];
    private readonly List<DemoRecord> _proposals = [];
    private readonly List<DemoRecord> _equipment = [];
    private readonly List<DemoRecord> _agreements = [];
    private readonly List<DemoRecord> _memberships = [];
    private readonly List<DemoRecord> _capacityWindows = [];

    /// <summary>The company's zone. The demo must start on machines without time zone data too; Central Standard Time is then close enough.</summary>
    public static TimeZoneInfo Zone() => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone)
        ? zone
        : TimeZoneInfo.CreateCustomTimeZone(TimeZoneId, TimeSpan.FromHours(-6), TimeZoneId, TimeZoneId);

    private DemoCompany(DateTimeOffset now)
    {
        _zone = Zone();
        _now = now;
        _today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _zone).DateTime);
    }

    /// <summary>The whole company as the back office would send it, every record after the ones it refers to.</summary>
    public static IReadOnlyList<DemoRecord> Build(DateTimeOffset now)
    {
        var company = new DemoCompany(now);
        company.AddStaff();
        company.AddCustomers();
        company.AddCompletedWork();
        company.AddOpenWork();
        company.AddProposals();
        company.AddEquipment();
        company.AddPlans();
        company.AddSchedule();
        return
        [
            .. company._technicians, .. company._jobTypes, .. company._customers, .. company._locations, .. company._contacts,
            .. company._jobs, .. company._appointments, .. company._invoices, .. company._proposals, .. company._equipment,
            .. company._agreements, .. company._memberships, .. company._capacityWindows,
        ];
    }

    private void AddStaff()
    {
        foreach (var (id, name, photo) in new[]
        {
            (Mike, "Mike R.", "mike-r"), (Tasha, "Tasha W.", "tasha-w"), (Luis, "Luis G.", "luis-g"),
            (Ben, "Ben K.", "ben-k"), (Priya, "Priya S.", "priya-s"), (Dwayne, "Dwayne H.", "dwayne-h"),
        })
        {
            _technicians.Add(new(id, new TechnicianDocument(name, $"https://cdn.demo-hvac.example/technicians/{photo}.jpg")));
        }

        foreach (var (id, name) in new[]
        {
            (AcRepair, "AC repair"), (FurnaceRepair, "Furnace repair"), (TuneUp, "Maintenance tune-up"), (Replacement, "System replacement"),
            (AirQuality, "Indoor air quality"), (Rooftop, "Commercial rooftop service"), (Diagnostic, "Diagnostic visit"),
            (AcTuneUp, "AC tune-up"), (FurnaceTuneUp, "Furnace tune-up"), (Repair, "Repair"),
        })
        {
            _jobTypes.Add(new(id, new JobTypeDocument(name)));
        }
    }

    /// <summary>
    /// Two weeks of arrival windows from today for the residential unit (the Thompsons' jobs are its): weekdays 08:00-12:00
    /// and 12:00-16:00 in the company's time zone, three slots each, serving the two tune-ups customers book themselves.
    /// </summary>
    private void AddSchedule()
    {
        for (var day = _today; day < _today.AddDays(ScheduleDays); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            foreach (var (name, from, to) in new[] { ("am", 8, 12), ("pm", 12, 16) })
            {
                var date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                _capacityWindows.Add(new($"cw-{date}-res-{name}", new CapacityWindowDocument(
                    Residential, [AcTuneUp, FurnaceTuneUp], $"{date}T{from:00}:00", $"{date}T{to:00}:00", SlotsPerWindow)));
            }
        }
    }

    private void AddCustomers()
    {
        for (var i = 0; i < Households.Length; i++)
        {
            var (first, last) = Households[i];
            var id = $"cust-{1001 + i}";
            var (city, postalCode) = Towns[i % Towns.Length];
            var address = new AddressDocument($"{100 + i * 379 % 3900} {Streets[i % Streets.Length]}", null, city, "IL", postalCode, "US");
            var email = $"{first.ToLowerInvariant()}.{last.Replace("'", "", StringComparison.Ordinal).ToLowerInvariant()}@{EmailDomains[i % EmailDomains.Length]}";
            List<PhoneDocument> phones = [new($"+1555555{2001 + i}", "mobile", SmsOptOut: i % 7 == 6)];
            if (i % 3 == 0)
            {
                phones.Add(new($"+1555555{4001 + i}", "home", SmsOptOut: false));
            }

            _customerByLastName[last] = id;
            Customer(id, CustomerKind.Residential, $"{first} {last}", [email], phones, address, "Home");
            Contact($"con-{1001 + i}", id, email, memo: null, AccessLevel.Billing, $"{first} {last}");
        }

        // Dana Whitfield lives in Chatham and rents out homes through her company; the Ortiz family rents one of them.
        var dana = DemoCredentials.SharedContactEmail;
        Customer(Whitfield, CustomerKind.Residential, "Dana Whitfield", [dana], [new("+15555552101", "mobile", false)],
            new("18 Bridle Path", null, "Chatham", "IL", "62629", "US"), "Home");
        Contact("con-1043", Whitfield, dana, memo: null, AccessLevel.Billing, "Dana Whitfield");
        Customer(Ortiz, CustomerKind.Residential, "Marcus & Leah Ortiz", ["leah.ortiz@example.net"], [new("+15555552102", "mobile", false)],
            new("1204 Cedar St", "Unit 3", "Springfield", "IL", "62703", "US"), "Rented home");
        Contact("con-1044", Ortiz, "leah.ortiz@example.net", memo: "Tenant; the landlord is Whitfield Properties.", AccessLevel.Billing, "Leah Ortiz");

        Customer(WhitfieldProperties, CustomerKind.Commercial, "Whitfield Properties LLC", [dana, "accounts@whitfield-properties.example"],
            [new("+15555553001", "office", false)], new("400 S 6th St", "Suite 210", "Springfield", "IL", "62701", "US"), "Maple Ave duplex",
            new("1516 Maple Ave", null, "Springfield", "IL", "62704", "US"));
        Location($"loc-{WhitfieldProperties}-b", WhitfieldProperties, "Cedar St fourplex", new("1204 Cedar St", null, "Springfield", "IL", "62703", "US"));
        Contact("con-2001", WhitfieldProperties, dana, memo: "Owner; approves repairs over $500.", AccessLevel.Billing, "Dana Whitfield");

        // The landlord follows the service at her rental without seeing the tenants' invoices.
        Contact("con-1044-landlord", Ortiz, dana, memo: "Landlord (Whitfield Properties); service only.", AccessLevel.ServiceOnly, "Dana Whitfield");

        Customer(PrairieDental, CustomerKind.Commercial, "Prairie Dental Group", ["office@prairiedental.example"], [new("+15555553002", "office", false)],
            new("215 E Adams St", null, "Springfield", "IL", "62701", "US"), "Downtown office");
        Location($"loc-{PrairieDental}-b", PrairieDental, "West side office", new("3301 Wabash Ave", null, "Springfield", "IL", "62711", "US"));
        Contact("con-2002", PrairieDental, "office@prairiedental.example", memo: "Ask for Renee, office manager.", AccessLevel.Billing);

        Customer(CapitolBakery, CustomerKind.Commercial, "Capitol City Bakery", ["orders@capitolcitybakery.example"], [new("+15555553003", "office", false)],
            new("628 E Washington St", null, "Springfield", "IL", "62701", "US"), "Bakery");
        Contact("con-2003", CapitolBakery, "orders@capitolcitybakery.example", memo: null, AccessLevel.Billing);

        Customer(ValleyChurch, CustomerKind.Commercial, "Sangamon Valley Church", ["facilities@sangamonvalley.example"], [new("+15555553004", "office", false)],
            new("2200 Chatham Rd", null, "Springfield", "IL", "62704", "US"), "Church and fellowship hall");
        Contact("con-2004", ValleyChurch, "facilities@sangamonvalley.example", memo: null, AccessLevel.Billing);

        Customer(RiversideVet, CustomerKind.Commercial, "Riverside Veterinary Clinic", ["frontdesk@riversidevet.example"], [new("+15555553005", "office", false)],
            new("1850 Sangamon Ave", null, "Springfield", "IL", "62702", "US"), "Clinic");
        Contact("con-2005", RiversideVet, "frontdesk@riversidevet.example", memo: "Boarding area must stay between 68 and 74 °F.", AccessLevel.Billing);

        Customer(HeritageHardware, CustomerKind.Commercial, "Heritage Hardware & Supply", ["manager@heritagehardware.example"], [new("+15555553006", "office", false)],
            new("945 N Dirksen Pkwy", null, "Springfield", "IL", "62702", "US"), "Store");
        Contact("con-2006", HeritageHardware, "manager@heritagehardware.example", memo: null, AccessLevel.Billing);

        // Pat, the demo's portal user: the Thompsons' home and the Kowalskis' rental (both paid by Pat), and the
        // veterinary clinic's building, which Pat looks after without seeing the clinic's bills.
        var pat = DemoCredentials.PortalUserEmail;
        Contact("con-pat-thompson", Cust("Thompson"), pat, memo: "Pat Thompson; pays the bills.", AccessLevel.Billing, DemoCredentials.PortalUserName);
        Contact("con-pat-kowalski", Cust("Kowalski"), pat, memo: "Pat manages the Kowalskis' rental house and pays for its service.", AccessLevel.Billing, DemoCredentials.PortalUserName);
        Contact("con-pat-riverside", RiversideVet, pat, memo: "Building manager; the clinic pays its own invoices.", AccessLevel.ServiceOnly, DemoCredentials.PortalUserName);

        // Households with a second place to look after.
        Location($"loc-{Cust("Nguyen")}-b", Cust("Nguyen"), "Parents' house", new("77 Pine Hills Rd", null, "Rochester", "IL", "62563", "US"));
        Location($"loc-{Cust("Kowalski")}-b", Cust("Kowalski"), "Rental house", new("2314 S Glenwood Ave", null, "Springfield", "IL", "62704", "US"));
        Location($"loc-{Cust("Jensen")}-b", Cust("Jensen"), "Lake cottage", new("27 Lakeshore Dr", null, "Chatham", "IL", "62629", "US"));
    }

    /// <summary>Finished jobs: completed appointments and their invoices, unpaid, partly paid and paid, in both business units.</summary>
    private void AddCompletedWork()
    {
        var job = Job("J-24001", Cust("Bennett"), Home(Cust("Bennett")), Residential, AcRepair, "AC not cooling; replaced failed run capacitor.");
        Booked(job, -62, 8, 2, AppointmentStatus.Completed, Mike);
        Invoice("INV-24001", job, Cust("Bennett"), Home(Cust("Bennett")), Residential, -62, "Replaced run capacitor on outdoor unit.",
            [Line("Diagnostic fee", 1, 8_900), Line("Labor", 1, 9_500)], [Line("Run capacitor 45/5 µF", 1, 4_800)], PaidInFull(-62, "card", "Terminal 1183"));

        job = Job("J-24002", Cust("Carter"), Home(Cust("Carter")), Residential, FurnaceRepair, "Furnace short-cycling; cleaned flame sensor, replaced igniter.",
            notes: "Heat exchanger shows rust; offered replacement.");
        Booked(job, -48, 13, 2, AppointmentStatus.Completed, Luis);
        Invoice("INV-24002", job, Cust("Carter"), Home(Cust("Carter")), Residential, -48, "Cleaned flame sensor and replaced the hot surface igniter.",
            [Line("Diagnostic fee", 1, 8_900), Line("Labor", 1.5m, 9_500)], [Line("Hot surface igniter", 1, 7_400)], Unpaid);

        job = Job("J-24003", Cust("Schultz"), Home(Cust("Schultz")), Residential, TuneUp, "Spring AC tune-up.");
        Booked(job, -40, 10, 1.5, AppointmentStatus.Completed, Tasha);
        Invoice("INV-24003", job, Cust("Schultz"), Home(Cust("Schultz")), Residential, -40, "Spring AC tune-up; system in good shape.",
            [Line("AC tune-up (Comfort Club rate)", 1, 7_900)], [], PaidInFull(-40, "card", "Terminal 1204"));

        job = Job("J-24004", Cust("Nguyen"), $"loc-{Cust("Nguyen")}-b", Residential, FurnaceRepair, "No heat at the parents' house; replaced inducer motor.");
        Booked(job, -30, 8, 3, AppointmentStatus.Completed, Ben, Luis);
        Invoice("INV-24004", job, Cust("Nguyen"), $"loc-{Cust("Nguyen")}-b", Residential, -30, "Replaced the draft inducer motor; furnace tested through three cycles.",
            [Line("Diagnostic fee", 1, 8_900), Line("Labor", 2.5m, 9_500)], [Line("Draft inducer motor assembly", 1, 38_600)], PartlyPaid(20_000, -29, "check", "Check 5521"));

        job = Job("J-24005", Cust("Thompson"), Home(Cust("Thompson")), Residential, Replacement, "Replace 20-year-old furnace and AC with a Trane high-efficiency system.",
            projectReference: "PRJ-1107");
        Booked(job, -75, 8, 8, AppointmentStatus.Completed, Mike, Dwayne);
        Booked(job, -74, 8, 6, AppointmentStatus.Completed, Mike, Dwayne);
        Invoice("INV-24005", job, Cust("Thompson"), Home(Cust("Thompson")), Residential, -74, "Installed Trane XR16 air conditioner and S9V2 furnace with new thermostat.",
            [Line("Installation labor", 28, 9_500), Line("Permit and inspection", 1, 17_500)],
            [Line("Trane XR16 3-ton air conditioner", 1, 489_000), Line("Trane S9V2 96% furnace", 1, 362_000), Line("Smart thermostat", 1, 24_900)],
            PaidInFull(-74, "financing", "GreenSky loan 88-2231"));

        // A warranty callback: the work is covered, so the only invoice is $0 and never reaches the portal's invoice list.
        job = Job("J-24006", Cust("Thompson"), Home(Cust("Thompson")), Residential, AcRepair, "Condensate pump not draining; replaced under the service warranty.");
        Booked(job, -20, 13, 1.5, AppointmentStatus.Completed, Dwayne);
        Invoice("INV-24006", job, Cust("Thompson"), Home(Cust("Thompson")), Residential, -20, "Condensate pump replaced at no charge (service warranty).",
            [Line("Labor", 1, 9_500), Line("Service warranty: labor covered", 1, -9_500)],
            [Line("Condensate pump", 1, 6_400), Line("Service warranty: part covered", 1, -6_400)], Unpaid);

        job = Job("J-24007", PrairieDental, Home(PrairieDental), Commercial, Rooftop, "Rooftop unit 2 tripping its breaker; replaced the condenser fan motor.");
        Booked(job, -35, 7, 4, AppointmentStatus.Completed, Priya, Ben);
        Invoice("INV-24007", job, PrairieDental, Home(PrairieDental), Commercial, -35, "Replaced condenser fan motor and contactor on RTU-2.",
            [Line("Commercial labor", 3.5m, 13_500)], [Line("Condenser fan motor 1/3 hp", 1, 31_200), Line("Contactor 40 A", 1, 6_800)], PartlyPaid(30_000, -10, "ach", "ACH 000418"));

        job = Job("J-24008", CapitolBakery, Home(CapitolBakery), Commercial, Rooftop, "Make-up air unit over the ovens not heating.");
        Booked(job, -12, 6, 3, AppointmentStatus.Completed, Priya);
        Invoice("INV-24008", job, CapitolBakery, Home(CapitolBakery), Commercial, -12, "Replaced the gas valve on the make-up air unit.",
            [Line("Commercial labor", 3, 13_500)], [Line("Gas valve, 3/4 in.", 1, 27_400)], Unpaid);

        job = Job("J-24009", ValleyChurch, Home(ValleyChurch), Commercial, TuneUp, "Annual heating inspection before winter services.");
        Booked(job, -55, 8, 5, AppointmentStatus.Completed, Priya, Tasha);
        Invoice("INV-24009", job, ValleyChurch, Home(ValleyChurch), Commercial, -55, "Inspected two furnaces and the boiler; replaced filters.",
            [Line("Annual inspection (agreement rate)", 1, 45_000)], [Line("Pleated filters 20x25x4", 6, 3_200)], PaidInFull(-30, "check", "Check 10492"));

        job = Job("J-24010", Whitfield, Home(Whitfield), Residential, TuneUp, "Fall furnace tune-up.");
        Booked(job, -25, 10, 1.5, AppointmentStatus.Completed, Tasha);
        Invoice("INV-24010", job, Whitfield, Home(Whitfield), Residential, -25, "Furnace tune-up; replaced filter.",
            [Line("Furnace tune-up (Comfort Club rate)", 1, 7_900)], [Line("Filter 16x25x1", 1, 1_400)], PaidInFull(-25, "card", "Terminal 1230"));

        job = Job("J-24011", WhitfieldProperties, Home(WhitfieldProperties), Residential, FurnaceRepair, "Upstairs unit of the duplex has no heat.",
            notes: "Tenant upstairs: call 30 minutes ahead.");
        Booked(job, -9, 9, 2, AppointmentStatus.Completed, Luis);
        Invoice("INV-24011", job, WhitfieldProperties, Home(WhitfieldProperties), Residential, -9, "Replaced the blower motor capacitor and cleaned the blower wheel.",
            [Line("Diagnostic fee", 1, 8_900), Line("Labor", 1.5m, 9_500)], [Line("Blower capacitor 10 µF", 1, 3_900)], Unpaid);

        job = Job("J-24012", Ortiz, Home(Ortiz), Residential, AcRepair, "AC blowing warm air; recharged refrigerant and fixed a leak at the service valve.");
        Booked(job, -6, 14, 2.5, AppointmentStatus.Completed, Mike);
        Invoice("INV-24012", job, Ortiz, Home(Ortiz), Residential, -6, "Repaired leaking service valve and recharged 2 lb of R-410A.",
            [Line("Diagnostic fee", 1, 8_900), Line("Leak repair labor", 2, 9_500)], [Line("R-410A refrigerant (lb)", 2, 8_500)], Unpaid);

        job = Job("J-24013", Cust("Kowalski"), $"loc-{Cust("Kowalski")}-b", Residential, AirQuality, "Install a whole-house humidifier at the rental house.");
        Booked(job, -15, 8, 4, AppointmentStatus.Completed, Ben);
        Invoice("INV-24013", job, Cust("Kowalski"), $"loc-{Cust("Kowalski")}-b", Residential, -15, "Installed an Aprilaire 600 humidifier with a digital control.",
            [Line("Installation labor", 3.5m, 9_500)], [Line("Aprilaire 600 humidifier", 1, 38_900), Line("Digital humidistat", 1, 11_500)], PartlyPaid(25_000, -15, "card", "Terminal 1219"));

        job = Job("J-24016", Cust("Hart"), Home(Cust("Hart")), Residential, Diagnostic, "Thermostat blank; found a blown 3 A fuse on the control board.");
        Booked(job, -3, 15, 1, AppointmentStatus.Completed, Luis);
        Invoice("INV-24016", job, Cust("Hart"), Home(Cust("Hart")), Residential, -3, "Replaced the control board fuse; found a chafed thermostat wire and repaired it.",
            [Line("Diagnostic fee", 1, 8_900)], [Line("Fuse 3 A", 1, 400)], Unpaid);

        job = Job("J-24031", Cust("Reed"), Home(Cust("Reed")), Residential, Diagnostic, "Furnace noisy and AC struggling; 18-year-old system evaluated.");
        Booked(job, -5, 10, 1.5, AppointmentStatus.Completed, Dwayne);
        Invoice("INV-24031", job, Cust("Reed"), Home(Cust("Reed")), Residential, -5, "System evaluation; replacement options sent as proposal P-3101.",
            [Line("Diagnostic fee", 1, 8_900)], [], PaidInFull(-5, "card", "Terminal 1241"));

        // Agreement visits: done as jobs; the agreements cover them, so they carry no invoice.
        job = Job("J-24014", Cust("Meyer"), Home(Cust("Meyer")), Residential, TuneUp, "Comfort Plus agreement: spring AC tune-up.");
        Booked(job, -120, 9, 1.5, AppointmentStatus.Completed, Tasha);
        job = Job("J-24015", RiversideVet, Home(RiversideVet), Commercial, Rooftop, "Quarterly rooftop maintenance, visit 1 of 4.");
        Booked(job, -70, 7, 3, AppointmentStatus.Completed, Priya);
    }

    /// <summary>Work not finished: in progress today, on hold, upcoming and canceled.</summary>
    private void AddOpenWork()
    {
        var quarterHour = TimeSpan.FromMinutes(15).Ticks;
        var now = new DateTimeOffset(_now.UtcTicks - _now.UtcTicks % quarterHour, TimeSpan.Zero);

        var job = Job("J-24017", Cust("O'Connor"), Home(Cust("O'Connor")), Residential, AcRepair, "AC freezing up; checking airflow and refrigerant charge.");
        Live(job, now.AddMinutes(-75), 3, AppointmentStatus.Working, Luis);
        job = Job("J-24018", Cust("Patel"), Home(Cust("Patel")), Residential, FurnaceRepair, "Furnace makes a loud bang on start-up.");
        Live(job, now.AddMinutes(30), 2, AppointmentStatus.EnRoute, Tasha);
        job = Job("J-24019", HeritageHardware, Home(HeritageHardware), Commercial, Rooftop, "Sales floor too warm; rooftop unit 1 not cooling.",
            notes: "Roof access key at the customer service desk.");
        Live(job, now.AddMinutes(150), 3, AppointmentStatus.Dispatched, Priya);

        // A two-day job: day one done, day two still to come, so it stays in progress.
        job = Job("J-24020", Cust("Brooks"), Home(Cust("Brooks")), Residential, Replacement, "Replace the heat pump and air handler.", projectReference: "PRJ-1121");
        Booked(job, -1, 8, 8, AppointmentStatus.Completed, Mike, Dwayne);
        Booked(job, 1, 8, 6, AppointmentStatus.Scheduled, Mike, Dwayne);

        job = Job("J-24021", Cust("Romero"), Home(Cust("Romero")), Residential, AcRepair, "Compressor failed under the manufacturer's warranty; waiting for the part.",
            notes: "Compressor on backorder from the distributor, ETA two weeks.");
        Booked(job, -4, 13, 2, AppointmentStatus.OnHold, Mike);
        job = Job("J-24022", Cust("Jefferson"), Home(Cust("Jefferson")), Residential, FurnaceRepair, "Furnace control board replacement; waiting for the customer's approval.");
        Booked(job, -10, 8, 2, AppointmentStatus.Canceled, Luis);
        Booked(job, -2, 10, 2, AppointmentStatus.OnHold, Luis);

        job = Job("J-24023", Cust("Lindqvist"), Home(Cust("Lindqvist")), Residential, TuneUp, "Fall furnace tune-up.");
        Booked(job, 2, 8, 1.5, AppointmentStatus.Scheduled, Tasha);
        job = Job("J-24024", Cust("Washington"), Home(Cust("Washington")), Residential, AirQuality, "Install a UV air purifier in the air handler.");
        Booked(job, 5, 13, 3, AppointmentStatus.Scheduled, Ben);
        job = Job("J-24025", RiversideVet, Home(RiversideVet), Commercial, Rooftop, "Quarterly rooftop maintenance, visit 2 of 4.");
        Booked(job, 9, 7, 3, AppointmentStatus.Scheduled, Priya);
        job = Job("J-24026", Cust("Fischer"), Home(Cust("Fischer")), Residential, Replacement, "Install the Lennox system from accepted proposal P-3102.", projectReference: "PRJ-1130");
        Booked(job, 12, 8, 8, AppointmentStatus.Scheduled, Mike, Dwayne);
        Booked(job, 13, 8, 6, AppointmentStatus.Scheduled, Mike, Dwayne);
        job = Job("J-24027", WhitfieldProperties, $"loc-{WhitfieldProperties}-b", Residential, TuneUp, "Furnace tune-ups for all four units.");
        Booked(job, 4, 9, 6, AppointmentStatus.Scheduled, Tasha, Ben);
        job = Job("J-24028", Cust("Dubois"), Home(Cust("Dubois")), Residential, Diagnostic, "Upstairs rooms much warmer than downstairs.");
        Booked(job, 1, 15, 1.5, AppointmentStatus.Scheduled, Dwayne);

        job = Job("J-24029", Cust("Murphy"), Home(Cust("Murphy")), Residential, TuneUp, "AC tune-up; the customer canceled (moving).");
        Booked(job, 3, 10, 1.5, AppointmentStatus.Canceled, Tasha);
        job = Job("J-24030", Cust("Park"), Home(Cust("Park")), Residential, AcRepair, "No cooling; the customer reset a tripped breaker and canceled.");
        Booked(job, -14, 13, 2, AppointmentStatus.Canceled, Luis);
    }

    private void AddProposals()
    {
        Proposal("P-3101", Cust("Reed"), Home(Cust("Reed")), "job-J-24031", ProposalStatus.Open, "Replace the 18-year-old furnace and air conditioner.",
            "https://financing.demo-hvac.example/apply?proposal=P-3101",
            Option("Good", "Goodman 14 SEER2 AC and 80% furnace, 10-year parts warranty.",
                Line("Goodman GSXH5 3-ton air conditioner", 1, 365_000), Line("Goodman GR9S80 furnace", 1, 248_000), Line("Installation", 1, 240_000)),
            Option("Better", "Trane 16 SEER2 AC and 96% furnace, 12-year parts warranty and 2-year labor.",
                Line("Trane XR16 3-ton air conditioner", 1, 489_000), Line("Trane S9V2 96% furnace", 1, 362_000), Line("Installation", 1, 260_000)),
            Option("Best", "Trane variable-speed system with communicating thermostat, 12-year parts and labor.",
                Line("Trane XV20i air conditioner", 1, 812_000), Line("Trane S9V2-VS furnace", 1, 455_000), Line("Trane ComfortLink thermostat", 1, 49_500),
                Line("Installation", 1, 290_000)));

        // Pat's estimate to sign: cleaner air for the Thompsons' new system, the middle option recommended, 30 days to decide.
        Proposal("P-3105", Cust("Thompson"), Home(Cust("Thompson")), null, ProposalStatus.Open, "Cleaner air for the new Trane system: filtration, UV and humidity.",
            "https://financing.demo-hvac.example/apply?proposal=P-3105",
            [
                Option("Good", "Whole-home media air filter (MERV 13) with a year of replacement filters.",
                    Line("Trane Perfect Fit MERV 13 media filter cabinet", 1, 68_000), Line("Replacement filters, 1 year", 2, 6_500), Line("Installation", 1, 32_000)) with { Id = "good" },
                Option("Better", "Media filter plus a UV germicidal light on the coil; keeps the new coil clean and the air fresher.",
                    Line("Trane Perfect Fit MERV 13 media filter cabinet", 1, 68_000), Line("UV germicidal light", 1, 89_000), Line("Installation", 1, 45_000))
                    with { Id = "better", Recommended = true },
                Option("Best", "Trane CleanEffects electronic air cleaner, UV light and a whole-home steam humidifier.",
                    Line("Trane CleanEffects air cleaner", 1, 184_000), Line("UV germicidal light", 1, 89_000), Line("Whole-home steam humidifier", 1, 152_000),
                    Line("Installation", 1, 78_000)) with { Id = "best" },
            ],
            expiresOn: _today.AddDays(30),
            terms: "Prices include parts, labor and haul-away. Work is scheduled within two weeks of acceptance; a 10% deposit is due at scheduling and the balance on completion. " +
                "Parts carry the manufacturer's warranty; our labor is guaranteed for two years.",
            equipmentId: "eq-thompson-furnace");

        Proposal("P-3102", Cust("Fischer"), Home(Cust("Fischer")), null, ProposalStatus.Accepted, "Replace the heat pump before summer.", null,
            Option("Standard", "Lennox 15 SEER2 heat pump.", Line("Lennox EL16XP1 heat pump", 1, 545_000), Line("Installation", 1, 210_000)),
            Option("Premium", "Lennox variable-capacity heat pump with iComfort thermostat.",
                Line("Lennox SL25XPV heat pump", 1, 905_000), Line("iComfort S40 thermostat", 1, 52_000), Line("Installation", 1, 240_000)));

        Proposal("P-3103", Cust("Carter"), Home(Cust("Carter")), "job-J-24002", ProposalStatus.Declined, "Replace the furnace instead of further repairs.", null,
            Option("Repair-grade", "Goodman 80% single-stage furnace.", Line("Goodman GR9S80 furnace", 1, 248_000), Line("Installation", 1, 120_000)),
            Option("High efficiency", "Trane 96% two-stage furnace.", Line("Trane S9V2 96% furnace", 1, 362_000), Line("Installation", 1, 140_000)));

        Proposal("P-3104", PrairieDental, $"loc-{PrairieDental}-b", null, ProposalStatus.Open, "Replace the 5-ton rooftop unit at the west side office.", null,
            Option("Carrier", "Carrier WeatherMaker 5-ton RTU with economizer.", Line("Carrier 48FC 5-ton RTU", 1, 1_185_000), Line("Crane and installation", 1, 320_000)),
            Option("Lennox", "Lennox Energence 5-ton RTU with economizer.", Line("Lennox LGH060 5-ton RTU", 1, 1_240_000), Line("Crane and installation", 1, 320_000)));
    }

    private void AddEquipment()
    {
        var installed = _today.AddDays(-74);
        Equipment("eq-thompson-ac", Home(Cust("Thompson")), "Air conditioner", "Trane", "4TTR6036J1000A", "TRN23110457", installed,
            Warranty(installed, 12, "Parts, 12 years with registration."), Warranty(installed, 2, "Labor, 2 years (Demo Heating & Air)."), ["job-J-24005", "job-J-24006"]);
        Equipment("eq-thompson-furnace", Home(Cust("Thompson")), "Furnace", "Trane", "S9V2B080U4PSAA", "TRN23098812", installed,
            Warranty(installed, 12, "Parts, 12 years with registration; heat exchanger, lifetime."), Warranty(installed, 2, "Labor, 2 years (Demo Heating & Air)."), ["job-J-24005"]);

        var olderUnit = _today.AddYears(-9).AddDays(-40);
        Equipment("eq-bennett-ac", Home(Cust("Bennett")), "Air conditioner", "Carrier", "24ACC636A003", "CAR1516E04112", olderUnit,
            Warranty(olderUnit, 10, "Parts, 10 years."), null, ["job-J-24001"]);
        var oldFurnace = _today.AddYears(-16).AddDays(-200);
        Equipment("eq-carter-furnace", Home(Cust("Carter")), "Furnace", "Lennox", "G51MP-36B-070", "LNX0907K3381", oldFurnace, null, null, ["job-J-24002"], ["prop-P-3103"]);
        var oldSystem = _today.AddYears(-18).AddDays(-90);
        Equipment("eq-reed-furnace", Home(Cust("Reed")), "Furnace", "Goodman", "GMS80804BN", "GDM0704117752", oldSystem, null, null, ["job-J-24031"], ["prop-P-3101"]);
        Equipment("eq-reed-ac", Home(Cust("Reed")), "Air conditioner", "Goodman", "GSC130361", "GDM0705220943", oldSystem, null, null, ["job-J-24031"], ["prop-P-3101"]);

        var meyerInstall = _today.AddYears(-4).AddDays(-15);
        Equipment("eq-meyer-ac", Home(Cust("Meyer")), "Air conditioner", "Rheem", "RA1636AJ1NA", "W182104522", meyerInstall,
            Warranty(meyerInstall, 10, "Parts, 10 years."), null, ["job-J-24014"]);
        Equipment("eq-meyer-furnace", Home(Cust("Meyer")), "Furnace", "Rheem", "R96VA0702317MSA", "W182098110", meyerInstall,
            Warranty(meyerInstall, 10, "Parts, 10 years."), null, ["job-J-24014"]);

        var humidifier = _today.AddDays(-15);
        Equipment("eq-kowalski-humidifier", $"loc-{Cust("Kowalski")}-b", "Humidifier", "Aprilaire", "600", "APR600-55310", humidifier,
            Warranty(humidifier, 5, "Parts, 5 years."), Warranty(humidifier, 1, "Labor, 1 year (Demo Heating & Air)."), ["job-J-24013"]);

        var rtus = _today.AddYears(-6).AddDays(-120);
        Equipment("eq-dental-rtu-1", Home(PrairieDental), "Rooftop unit", "Carrier", "48FCEM05A2A6", "4219C77102", rtus, Warranty(rtus, 10, "Compressor, 10 years."), null, []);
        Equipment("eq-dental-rtu-2", Home(PrairieDental), "Rooftop unit", "Carrier", "48FCEM05A2A6", "4219C77108", rtus, Warranty(rtus, 10, "Compressor, 10 years."),
            Warranty(_today.AddDays(-35), 1, "Fan motor repair, 1 year parts and labor."), ["job-J-24007"]);
        var westRtu = _today.AddYears(-21);
        Equipment("eq-dental-west-rtu", $"loc-{PrairieDental}-b", "Rooftop unit", "Trane", "YSC060A3", "T04K102577", westRtu, null, null, [], ["prop-P-3104"]);
        var vetRtu = _today.AddYears(-3).AddDays(-60);
        Equipment("eq-vet-rtu", Home(RiversideVet), "Rooftop unit", "Lennox", "LGH048H4B", "5622F08811", vetRtu,
            Warranty(vetRtu, 10, "Compressor and heat exchanger, 10 years."), null, ["job-J-24015", "job-J-24025"]);
        Equipment("eq-romero-ac", Home(Cust("Romero")), "Air conditioner", "Goodman", "GSXN403010", "GDM2011341876", _today.AddYears(-3),
            Warranty(_today.AddYears(-3), 10, "Parts, 10 years; compressor claim filed."), null, ["job-J-24021"]);
    }

    /// <summary>Agreements (active with visits to book, one expired) and memberships (active and expired).</summary>
    private void AddPlans()
    {
        var meyerStart = _today.AddDays(-150);
        Invoice("INV-24032", null, Cust("Meyer"), Home(Cust("Meyer")), Residential, -150, "Comfort Plus agreement, first year.",
            [Line("Comfort Plus maintenance agreement (1 year)", 1, 21_900)], [], PaidInFull(-150, "card", "Terminal 1002"));
        _agreements.Add(new("agr-meyer", new AgreementDocument(Cust("Meyer"), "Comfort Plus maintenance agreement", AgreementStatus.Active, meyerStart, meyerStart.AddYears(1).AddDays(-1),
            [
                new("Spring AC tune-up", meyerStart.AddDays(30), VisitStatus.Completed, "job-J-24014"),
                new("Fall furnace tune-up", _today.AddDays(25), VisitStatus.Unscheduled, null),
            ],
            ["eq-meyer-ac", "eq-meyer-furnace"], ["inv-INV-24032"])));

        var vetStart = _today.AddDays(-100);
        _agreements.Add(new("agr-riverside-vet", new AgreementDocument(RiversideVet, "Quarterly rooftop maintenance", AgreementStatus.Active, vetStart, vetStart.AddYears(1).AddDays(-1),
            [
                new("Quarterly maintenance, visit 1", vetStart.AddDays(30), VisitStatus.Completed, "job-J-24015"),
                new("Quarterly maintenance, visit 2", _today.AddDays(9), VisitStatus.Scheduled, "job-J-24025"),
                new("Quarterly maintenance, visit 3", vetStart.AddDays(210), VisitStatus.Unscheduled, null),
                new("Quarterly maintenance, visit 4", vetStart.AddDays(300), VisitStatus.Unscheduled, null),
            ],
            ["eq-vet-rtu"], [])));

        var churchStart = _today.AddYears(-1).AddDays(-30);
        _agreements.Add(new("agr-valley-church", new AgreementDocument(ValleyChurch, "Annual heating agreement", AgreementStatus.Expired, churchStart, churchStart.AddYears(1).AddDays(-1),
            [new("Annual heating inspection", _today.AddDays(-55), VisitStatus.Completed, "job-J-24009")], [], ["inv-INV-24009"])));

        Membership("mem-bennett", Cust("Bennett"), MembershipStatus.Active, _today.AddDays(-200), null);
        Membership("mem-schultz", Cust("Schultz"), MembershipStatus.Active, _today.AddDays(-90), ("job-J-24003", -40));
        Membership("mem-whitfield", Whitfield, MembershipStatus.Active, _today.AddDays(-300), ("job-J-24010", -25));
        Membership("mem-thompson", Cust("Thompson"), MembershipStatus.Active, _today.AddDays(-74), null);
        Membership("mem-stone", Cust("Stone"), MembershipStatus.Expired, _today.AddDays(-500), null);
        Membership("mem-alvarez", Cust("Alvarez"), MembershipStatus.Expired, _today.AddDays(-420), null);
    }

    private void Customer(string id, CustomerKind kind, string name, IReadOnlyList<string> emails, IReadOnlyList<PhoneDocument> phones, AddressDocument billing,
        string locationName, AddressDocument? serviceAddress = null)
    {
        _customers.Add(new(id, new CustomerDocument(kind, name, emails, phones, billing)));
        Location(Home(id), id, locationName, serviceAddress ?? billing);
    }

    private void Location(string id, string customer, string name, AddressDocument address) =>
        _locations.Add(new(id, new LocationDocument(customer, name, address)));

    private void Contact(string id, string customer, string email, string? memo, AccessLevel level, string? name = null) =>
        _contacts.Add(new(id, new ContactDocument(customer, email, memo, level, name)));

    private string Job(string number, string customer, string location, string unit, string jobType, string summary, string? notes = null, string? projectReference = null)
    {
        var id = $"job-{number}";
        _jobs.Add(new(id, new JobDocument(number, customer, location, unit, jobType, summary, notes, projectReference)));
        return id;
    }

    /// <summary>An appointment booked for a day relative to today, at a local hour, with a two-hour arrival window.</summary>
    private void Booked(string job, int day, int hour, double hours, AppointmentStatus status, params string[] technicians)
    {
        var start = At(day, hour);
        Appointment(job, start, hours, start, start.AddHours(2), status, technicians);
    }

    /// <summary>An appointment around the current time: the technician is already on the way or at work.</summary>
    private void Live(string job, DateTimeOffset start, double hours, AppointmentStatus status, params string[] technicians) =>
        Appointment(job, start, hours, null, null, status, technicians);

    private void Appointment(string job, DateTimeOffset start, double hours, DateTimeOffset? windowStart, DateTimeOffset? windowEnd, AppointmentStatus status, string[] technicians)
    {
        var count = _appointmentsPerJob[job] = _appointmentsPerJob.GetValueOrDefault(job) + 1;
        _appointments.Add(new($"appt-{job[4..]}-{count}", new AppointmentDocument(job, start, start.AddHours(hours), windowStart, windowEnd, status, technicians)));
    }

    /// <summary>An invoice whose amounts add up: parts are taxed, labor is not; payments come from the total.</summary>
    private void Invoice(string number, string? job, string billTo, string location, string unit, int issuedDay, string summary,
        LineDocument[] labor, LineDocument[] parts, Func<long, IReadOnlyList<PaymentDocument>> payments)
    {
        var subtotal = labor.Concat(parts).Sum(l => l.Amount.Amount);
        var tax = (long)decimal.Round(parts.Sum(l => l.Amount.Amount) * PartsTaxRate, MidpointRounding.AwayFromZero);
        var total = subtotal + tax;
        var paid = payments(total);
        var issued = _today.AddDays(issuedDay);
        _invoices.Add(new($"inv-{number}", new InvoiceDocument(number, billTo, job, location, unit, issued, issued.AddDays(unit == Commercial ? 30 : 15),
            [.. labor, .. parts], Money(subtotal), Money(tax), Money(total), Money(total - paid.Sum(p => p.Amount.Amount)), summary, paid)));
    }

    private static IReadOnlyList<PaymentDocument> Unpaid(long _) => [];

    private Func<long, IReadOnlyList<PaymentDocument>> PaidInFull(int day, string method, string reference) =>
        total => [new(reference, Money(total), At(day, 16), method)];

    private Func<long, IReadOnlyList<PaymentDocument>> PartlyPaid(long amount, int day, string method, string reference) =>
        _ => [new(reference, Money(amount), At(day, 16), method)];

    private void Proposal(string number, string customer, string location, string? job, ProposalStatus status, string summary, string? financingOfferUrl,
        params ProposalOptionDocument[] options) =>
        _proposals.Add(new($"prop-{number}", new ProposalDocument(number, customer, location, job, status, summary, financingOfferUrl, options)));

    private void Proposal(string number, string customer, string location, string? job, ProposalStatus status, string summary, string? financingOfferUrl,
        ProposalOptionDocument[] options, DateOnly expiresOn, string terms, string equipmentId) =>
        _proposals.Add(new($"prop-{number}", new ProposalDocument(number, customer, location, job, status, summary, financingOfferUrl, options, expiresOn, terms, equipmentId)));

    private static ProposalOptionDocument Option(string name, string description, params LineDocument[] lines) =>
        new(name, description, lines, Money(lines.Sum(l => l.Amount.Amount)));

    private void Equipment(string id, string location, string type, string manufacturer, string model, string serial, DateOnly installedOn,
        WarrantyDocument? manufacturerWarranty, WarrantyDocument? serviceWarranty, IReadOnlyList<string> jobs, IReadOnlyList<string>? proposals = null) =>
        _equipment.Add(new(id, new EquipmentDocument(location, type, manufacturer, model, serial, installedOn, manufacturerWarranty, serviceWarranty, jobs, proposals ?? [])));

    private static WarrantyDocument Warranty(DateOnly start, int years, string terms) => new(start, start.AddYears(years).AddDays(-1), terms);

    private void Membership(string id, string customer, MembershipStatus status, DateOnly start, (string Job, int Day)? completedTuneUp)
    {
        IReadOnlyList<VisitDocument> visits = completedTuneUp is { } tuneUp
            ? [new("Member tune-up", _today.AddDays(tuneUp.Day), VisitStatus.Completed, tuneUp.Job)]
            : [];
        _memberships.Add(new(id, new MembershipDocument(customer, "Comfort Club", status, start, start.AddYears(1).AddDays(-1), visits, [], [])));
    }

    private string Cust(string lastName) => _customerByLastName[lastName];

    private static string Home(string customer) => $"loc-{customer}";

    private static LineDocument Line(string description, decimal quantity, long unitPrice) =>
        new(description, quantity, Money(unitPrice), Money((long)decimal.Round(quantity * unitPrice, MidpointRounding.AwayFromZero)));

    private static MoneyDocument Money(long amount) => new(amount, Currency);

    /// <summary>A local time of the tenant's day <paramref name="day"/> days from today.</summary>
    private DateTimeOffset At(int day, int hour)
    {
        var local = _today.AddDays(day).ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }
}
