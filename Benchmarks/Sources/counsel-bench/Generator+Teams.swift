import Foundation

// MARK: - Teams (team model, 团队化服务, Guangdong 001 §(七))

extension Generator {
    /// Groups each firm's advisers into service teams (`teams.csv`).
    ///
    /// Where lawyers are many, firms take apprentices: first, every firm with a single adviser who may
    /// serve alone, and about a third of those with two or more, take one more apprentice (so a
    /// one-lawyer firm forms a team of its lawyer and the apprentice). Then, per firm, its n advisers who
    /// may serve alone (active, an eligible role) form round(n / 2.7) teams of as even a size as
    /// possible (2–4). The advisers with
    /// the most specialties lead; each other one joins the team with room whose specialties it widens
    /// most, so that teams cover different fields. Apprentices join the smallest teams with fewer than
    /// 4 members, never as leads. Advisers who failed assessment or are on leave are in no team.
    mutating func makeTeams(_ rng: inout SplitMix64) {
        let profile = settings.profile
        let planOf = Dictionary(settings.counties.map { ($0.county.id, $0) }, uniquingKeysWith: { a, _ in a })
        func licensed(_ firm: String) -> [Int] {
            s.advisers.indices.filter { s.advisers[$0].firm == firm && profile.isEligible(s.advisers[$0]) }
        }

        for f in s.firms.indices {
            let n = licensed(s.firms[f].id).count
            guard n == 1 || (n >= 2 && rng.chance(0.35)) else { continue }
            guard let plan = planOf[s.firms[f].county] else { continue }
            addAdviser(firm: f, role: .apprentice, status: .active, plan: plan, &rng)
        }

        for firm in s.firms {
            var members = licensed(firm.id)
            let apprentices = s.advisers.indices.filter {
                s.advisers[$0].firm == firm.id && s.advisers[$0].role == .apprentice && s.advisers[$0].status == .active
            }
            let n = members.count
            if n == 0 || (n == 1 && apprentices.isEmpty) { continue }
            rng.shuffle(&members)
            let m = max(1, Int((Double(n) / 2.7).rounded()))
            let sizes = (0..<m).map { n / m + ($0 < n % m ? 1 : 0) }
            // Leads: the most specialties first (a stable sort keeps the shuffled order among equals).
            let byBreadth = members.enumerated().sorted {
                s.advisers[$0.element].specialties.count > s.advisers[$1.element].specialties.count
                    || (s.advisers[$0.element].specialties.count == s.advisers[$1.element].specialties.count
                        && $0.offset < $1.offset)
            }.map(\.element)
            var teams = byBreadth.prefix(m).map { [$0] }
            var fields = teams.map { Set(s.advisers[$0[0]].specialties) }
            for a in members where !byBreadth.prefix(m).contains(a) {
                let mine = Set(s.advisers[a].specialties)
                let j = teams.indices.filter { teams[$0].count < sizes[$0] }.max { x, y in
                    let gx = mine.subtracting(fields[x]).count, gy = mine.subtracting(fields[y]).count
                    if gx != gy { return gx < gy }
                    if teams[x].count != teams[y].count { return teams[x].count > teams[y].count }
                    return x > y
                }!
                teams[j].append(a)
                fields[j].formUnion(mine)
            }
            for a in apprentices {
                guard
                    let j = teams.indices.filter({ teams[$0].count < 4 }).min(by: {
                        teams[$0].count < teams[$1].count || (teams[$0].count == teams[$1].count && $0 < $1)
                    })
                else { break }
                teams[j].append(a)
            }
            for team in teams where team.count >= 2 {
                teamsMade += 1
                let id = paddedID("T", teamsMade, width: 4)
                s.teams.append(TeamMember(team: id, firm: firm.id, member: s.advisers[team[0]].id, roleInTeam: "lead"))
                for a in team.dropFirst().sorted() {
                    s.teams.append(TeamMember(team: id, firm: firm.id, member: s.advisers[a].id, roleInTeam: "member"))
                }
            }
        }
    }
}
